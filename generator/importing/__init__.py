"""`gongshi import`: notices from OCDS release packages and from the Excel template staff fill
in (readers: ocds.py, workbook.py; the template's columns: columns.py), validated and written as
hand-written notice files are (run.py, records.py)."""
