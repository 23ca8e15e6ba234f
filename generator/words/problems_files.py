"""What `gongshi validate` says about files and folders and about how YAML is written
(rules of the groups 文件与文件夹 and YAML 写法 in the editor guide, and `notice-shape`).

Values the editor wrote are quoted in the template (zh “…”, en '…'); code-like things (YAML
syntax, field paths, an example line to copy) are in backticks; paths are shown as they are.
The messages of a YAML file that cannot be read are kept by the parse cache: their values are
plain text and numbers, or a field's name (`FieldName`), nothing else (generator/load.py)."""

from __future__ import annotations

from .entry import Section, Word

FILE_PROBLEMS = Section("files", {
    # data-layout
    "notices_missing": Word(
        "数据文件夹里没有 `notices/` 文件夹：新建它，每条公告是其中的一个 `.yaml` 文件（`gongshi new` 会生成）；"
        "如果数据在别处，用 `--data` 指明",
        "the data folder has no `notices/` folder: create it and put each notice in it as one `.yaml` file "
        "(`gongshi new` writes one); if the data is elsewhere, name its folder with `--data`",
    ),
    "regions_missing": Word(
        "没有地区表 regions.yaml：在数据文件夹里建立它，逐条写出每个地区的行政区划代码 `code`、名称 `name` 和"
        "上级地区代码 `parent`",
        "there is no regions.yaml: create it in the data folder, listing each region's code (`code`), "
        "name (`name`) and parent region (`parent`)",
    ),
    # file-extension
    "extension_case": Word(
        "公告文件名要以小写的 `.yaml` 结尾：把它改名为 `{name}`",
        "a notice file's name ends in `.yaml`, in lower case: rename it to `{name}`",
    ),
    "not_a_notice": Word(
        "`notices/` 里只放公告文件（`.yaml`）：如果这是附件，把它移到 `files/`，在公告的{attachments} 里引用；"
        "否则删除它",
        "only notice files (`.yaml`) belong in `notices/`: if this is an attachment, move it to `files/` "
        "and list it under the notice's {attachments}; otherwise remove it",
    ),
    # id-format
    "id_characters": Word(
        "文件名“{name}”不能作为公告编号：其中有“{character}”，而编号只由字母、数字和 `.`、`_`、`-` 组成："
        "把文件改名，例如 XN-GC-2026-001-ZB.yaml",
        "the file name '{name}' cannot be a notice id: it contains '{character}', and an id is made of "
        "letters, digits, `.`, `_` and `-` only: rename the file, e.g. XN-GC-2026-001-ZB.yaml",
    ),
    "id_length": Word(
        "文件名“{name}”不能作为公告编号：它有 {length} 个字符，而编号要有 3–80 个字符：把文件改名，"
        "例如 XN-GC-2026-001-ZB.yaml",
        "the file name '{name}' cannot be a notice id: it has {length} character(s), and an id has "
        "3–80: rename the file, e.g. XN-GC-2026-001-ZB.yaml",
    ),
    "id_start": Word(
        "文件名“{name}”不能作为公告编号：编号要以字母或数字开头：把文件改名，例如 XN-GC-2026-001-ZB.yaml",
        "the file name '{name}' cannot be a notice id: an id starts with a letter or a digit: rename "
        "the file, e.g. XN-GC-2026-001-ZB.yaml",
    ),
    # file-encoding, file-binary, file-size
    "encoding_gbk": Word(
        "文件不是 UTF-8 编码（看起来是 GBK/GB18030）：请用 UTF-8 编码重新保存它（字节 0x{byte} 无法按 UTF-8 读取）",
        "the file is not UTF-8 (it looks like GBK/GB18030): save it again with UTF-8 encoding "
        "(byte 0x{byte} cannot be read as UTF-8)",
    ),
    "encoding_other": Word(
        "文件不是 UTF-8 编码：请用 UTF-8 编码重新保存它（字节 0x{byte} 无法按 UTF-8 读取）",
        "the file is not UTF-8: save it again with UTF-8 encoding (byte 0x{byte} cannot be read as UTF-8)",
    ),
    "binary": Word(
        "这是二进制文件（例如办公文档、扫描件或图片），不是 YAML 文本：公告要写成纯文本的 `.yaml` 文件；"
        "附件放到 `files/`，在{attachments} 里引用",
        "this is a binary file (a word-processor document, a scan or a picture, say), not YAML text: "
        "a notice is a plain-text `.yaml` file; put attachments in `files/` and list them under "
        "{attachments}",
    ),
    "file_size": Word(
        "文件有 {size} KiB，而公告文件最大 {limit} KiB：把很长的内容（例如整份招标文件）做成附件放到 `files/`，"
        "{body} 只写摘要",
        "the file is {size} KiB; notice files are limited to {limit} KiB: put long text (a whole tender "
        "document, say) in an attachment under `files/` and keep the {body} to a summary",
    ),
    # file-read, folder-read: {reason} is one of the reason_… entries
    "file_read": Word(
        "无法读取这个文件（{reason}）：检查它的权限和所在的磁盘，能读取后再检查一次",
        "this file cannot be read ({reason}): check its permissions and the disk, then try again",
    ),
    "attachment_read": Word(
        "无法读取附件 {file}（{reason}）：检查它的权限和所在的磁盘，能读取后再检查一次",
        "{file} cannot be read ({reason}): check its permissions and the disk, then try again",
    ),
    "folder_list": Word(
        "无法列出这个文件夹里的内容（{reason}）：检查它的权限和所在的磁盘后再试；其中的公告一条都还没有检查",
        "this folder cannot be listed ({reason}): check its permissions and the disk, then try again; "
        "nothing in it was checked",
    ),
    "attachment_folder_list": Word(
        "附件 {file} 在文件夹 {folder} 里，而这个文件夹无法列出（{reason}）：检查它的权限和所在的磁盘后再试",
        "{file} is in {folder}, which cannot be listed ({reason}): check its permissions and the disk, "
        "then try again",
    ),
    "attachment_data_folder": Word(
        "附件 {file} 所在的数据文件夹无法打开（{reason}）：检查它的权限和所在的磁盘后再试",
        "{file} is in the data folder, which cannot be opened ({reason}): check its permissions and the "
        "disk, then try again",
    ),
    "reason_denied": Word("没有读取权限", "permission denied"),
    "reason_io": Word("磁盘读写出错", "input/output error"),
    "reason_gone": Word("读取时它已不在", "it disappeared while being read"),
    "reason_name_too_long": Word("文件名太长", "file name too long"),
    "reason_name_refused": Word("文件名里有系统不接受的字符", "the name has characters the system refuses"),
    "reason_other": Word("系统错误 `{code}`", "system error `{code}`"),
    # file-type: {kind} is one of the kind_… entries
    "not_a_file": Word(
        "这是{kind}，不是普通文件：换成真正的文件再提交",
        "this is {kind}, not a file: replace it with the real file and commit that",
    ),
    "attachment_not_a_file": Word(
        "附件 {file} 是{kind}，不是普通文件：换成真正的文件再提交",
        "{file} is {kind}, not a file: replace it with the real file and commit that",
    ),
    "not_a_folder": Word(
        "这是{kind}，不是文件夹：换成真正的文件夹，把文件放在里面",
        "this is {kind}, not a folder: replace it with a real folder holding the files",
    ),
    "attachment_through": Word(
        "附件 {file} 要经过 {folder}，而它是{kind}，不是文件夹：把 {folder} 换成真正的文件夹，把文件放在里面",
        "{file} is reached through {folder}, which is {kind}, not a folder: replace {folder} with a real "
        "folder holding the files",
    ),
    "kind_link": Word("符号链接", "a symbolic link"),
    "kind_pipe": Word("命名管道", "a named pipe (FIFO)"),
    "kind_device": Word("设备文件", "a device"),
    "kind_socket": Word("套接字", "a socket"),
    "kind_folder": Word("文件夹", "a folder"),
    "kind_file": Word("文件", "a file"),
    "kind_other": Word("特殊文件", "a special file"),
    # too-many-problems
    "too_many_problems": Word(
        "……此文件还有 {more} 个问题未列出（只列出前 {limit} 个）：改正以上问题后再检查一次",
        "… and {more} more problem(s) in this file, not shown (only the first {limit} are): "
        "fix these and validate again",
    ),
    # notice-shape: {found} is one of the found_… entries
    "notice_shape": Word(
        "公告文件应是一组“字段: 值”，每行一个（如 `type: tender`、`title: …`），而这个文件{found}："
        "用 `gongshi new` 生成文件后再填写",
        "a notice file is a mapping of fields, one `name: value` a line (`type: tender`, `title: …`), "
        "but this file {found}: let `gongshi new` write one and fill it in",
    ),
    "found_nothing": Word("是空的（或只有注释）", "is empty (or holds only comments)"),
    "found_list": Word("是一个列表（各行以 `- ` 开头）", "is a list (its lines start with `- `)"),
    "found_text": Word("只有一段文字", "holds only text"),
    "found_number": Word("只有一个数字", "holds only a number"),
    "found_boolean": Word("只有一个 `true` 或 `false`", "holds only `true` or `false`"),
    # yaml-duplicate-key … yaml-number
    "duplicate_key": Word(
        "{field} 写了两次（第一次在第 {first} 行）：只保留一个",
        "{field} is written twice (first at line {first}): keep only one",
    ),
    "anchor": Word(
        "不能使用锚点（`&{name}`）：把值完整写出来",
        "anchors (`&{name}`) are not allowed: write the value out in full",
    ),
    "alias": Word(
        "不能使用引用（`*{name}`）：把被引用的值完整写在这里",
        "aliases (`*{name}`) are not allowed: write the value out in full here",
    ),
    "merge_key": Word(
        "不能使用合并键 `<<`：把要合并的字段逐个写出来",
        "merge keys (`<<`) are not allowed: write each field out",
    ),
    "tag": Word(
        "不能使用 YAML 标签（`{tag}`）：删掉标签，直接写值（文字可以加双引号）",
        "YAML tags (`{tag}`) are not allowed: remove the tag and write a plain value (in double quotes "
        "if it is text)",
    ),
    "several_documents": Word(
        "一个公告文件只能有一个文档：删掉第二个 `---` 及其后的内容（另一条公告写在新文件里）",
        "a notice file holds one document: remove the second `---` and what follows (another notice "
        "goes in a file of its own)",
    ),
    "key_not_plain": Word(
        "字段名只能是简单的名字（如 `title`），不能是列表或 `{{…}}`：冒号前只写字段名",
        "a key must be a plain name (like `title`), not a list or `{{…}}`: write only the field's name "
        "before the colon",
    ),
    "depth": Word(
        "值嵌套超过了 {limit} 层，而一条公告最多 {needed} 层：检查是否多写了缩进、`- ` 或 `[`",
        "values are nested more than {limit} levels deep, and a notice needs at most {needed}: look for "
        "extra indentation, `- ` or `[`",
    ),
    "too_many_values": Word(
        "文件里的值超过 {limit} 个，一条公告远远用不了这么多：检查它是否只写了一条公告、列表的缩进是否正确；"
        "很长的明细请做成附件",
        "the file holds more than {limit} values, far more than a notice needs: check that it is one "
        "notice and that lists are indented as intended; put long details in an attachment",
    ),
    "number_range": Word(
        "数字“{value}”超出范围：写实际的数值",
        "the number '{value}' is out of range: write the real value",
    ),
    # yaml-syntax: what PyYAML found, said as what the editor sees and can do
    "syntax_unclosed_quote": Word(
        "从这里开始的引号没有闭合：在这段文字的末尾补上 `{quote}`",
        "the quoted text that starts here is never closed: add the closing `{quote}` at its end",
    ),
    "syntax_tab": Word(
        "这一行有制表符：YAML 只能用空格缩进，把制表符换成空格，与同一层的字段对齐",
        "this line contains a tab: YAML is indented with spaces only; replace the tab with spaces, "
        "lined up with the fields at the same level",
    ),
    "syntax_control": Word(
        "这一行有看不见的控制字符 U+{code}，YAML 不允许：删掉它（多数编辑器里看不到它，可以删掉这段文字重新输入）",
        "this line contains the invisible control character U+{code}, which YAML does not allow: remove "
        "it (most editors do not show it; retype the text around it)",
    ),
    "syntax_colon_in_value": Word(
        "这个值里有冒号加空格（`: `），会被读成又一个字段：给整个值加上双引号，写成 `{example}`",
        "this value contains a colon and a space (`: `), which starts another field: put the whole "
        "value in double quotes: `{example}`",
    ),
    "syntax_colon_in_value_plain": Word(
        "这个值里有冒号加空格（`: `），会被读成又一个字段：给整个值加上双引号",
        "this value contains a colon and a space (`: `), which starts another field: put the whole "
        "value in double quotes",
    ),
    "syntax_deeper": Word(
        "这一行比第 {previous} 行多缩进了 {extra} 个空格，被读成了那一行的值的延续：同一层的字段缩进要相同，"
        "这一行应缩进 {expected} 个空格；如果它是那一行下面的子字段，那一行只写字段名和冒号（如 `opening:`）",
        "this line is indented {extra} space(s) more than line {previous}, so it reads as the rest of that "
        "line's value: fields at the same level are indented alike, so indent this one by {expected}; "
        "if it belongs under that line, that line holds only the field's name and a colon (like `opening:`)",
    ),
    "syntax_misaligned": Word(
        "这一行缩进了 {spaces} 个空格，与上面的字段对不齐：同一层的字段缩进要相同，与第 {previous} 行对齐"
        "（{expected} 个空格）",
        "this line is indented by {spaces} space(s) and lines up with no field above it: fields at the "
        "same level are indented alike; line it up with line {previous} ({expected} spaces)",
    ),
    "syntax_misaligned_between": Word(
        "这一行缩进了 {spaces} 个空格，与上面的字段对不齐：同一层的字段缩进要相同，与第 {previous} 行对齐"
        "（{expected} 个空格），或者与第 {outer} 行对齐（{outer_expected} 个空格）",
        "this line is indented by {spaces} space(s) and lines up with no field above it: fields at the "
        "same level are indented alike; line it up with line {previous} ({expected} spaces) or with "
        "line {outer} ({outer_expected} spaces)",
    ),
    "syntax_dash_in_mapping": Word(
        "这一行以 `- ` 开头，是列表项，但这里应写“字段: 值”：去掉 `- `；要写列表时，列表项写在字段名的下一行并缩进",
        "this line starts with `- `, a list item, where a field (`name: value`) belongs: remove the "
        "`- `; a list goes on the lines below its field's name, indented",
    ),
    "syntax_list_misaligned": Word(
        "列表项没有对齐：这一行的 `- ` 前有 {spaces} 个空格，而第 {previous} 行的 `- ` 前有 {expected} 个："
        "同一列表的各项缩进要相同",
        "the list items do not line up: this line's `- ` is indented by {spaces} space(s), the one at "
        "line {previous} by {expected}: items of one list are indented alike",
    ),
    "syntax_not_an_item": Word(
        "这一行在第 {start} 行开始的列表里，却不是以 `- ` 开头的列表项：如果它属于上一项，与上一项的字段对齐"
        "（缩进 {expected} 个空格）；如果是新的一项，在前面加上 `- `",
        "this line is inside the list that starts at line {start} but is not an item (`- `): if it "
        "belongs to the item above, line it up with that item's fields (indent by {expected}); if it is "
        "a new item, start it with `- `",
    ),
    "syntax_full_width_colon": Word(
        "这一行用了中文冒号“：”：字段名后要用英文冒号加空格，写成 `{example}`",
        "this line has a full-width colon '：': a field's name is followed by an ASCII colon and a "
        "space: `{example}`",
    ),
    "syntax_colon_without_space": Word(
        "冒号后面少了空格：字段名后要写冒号加空格，写成 `{example}`",
        "the colon needs a space after it: `{example}`",
    ),
    "syntax_no_colon": Word(
        "这一行不是“字段: 值”（字段名后要有冒号和空格 `: `），也不是列表项（`- `）：如果它是字段，补上冒号和空格；"
        "如果它接着上一行的文字，把它接到上一行末尾，或者用 `|` 写多行文字",
        "this line is neither a field (`name: value`, with a colon and a space) nor a list item (`- `): "
        "if it is a field, add the colon and the space; if it continues the text of the line above, join "
        "it to that line, or write the text as a block after `|`",
    ),
    "syntax_unclosed_bracket": Word(
        "从这里开始的 `{opening}` 没有闭合：补上 `{closing}`；如果这是一段文字，给整个值加上双引号",
        "the `{opening}` that starts here is never closed: add the `{closing}`; if this is text, put the "
        "whole value in double quotes",
    ),
    "syntax_extra_closing": Word(
        "这里多了一个 `{closing}`：删掉它；如果这是一段文字，给整个值加上双引号",
        "there is one `{closing}` too many here: remove it; if this is text, put the whole value in "
        "double quotes",
    ),
    "syntax_text_after_quote": Word(
        "引号已经闭合，后面还有文字：把整个值放进一对引号里（里面要用引号时改用中文引号“”），或者去掉引号",
        "text follows the closing quote: put the whole value inside one pair of quotes (use Chinese "
        "quotes “” inside it), or remove the quotes",
    ),
    "syntax_text_after_bracket": Word(
        "`{closing}` 已经结束了这个值，后面还有文字：如果这是一段文字，给整个值加上双引号",
        "text follows the closing `{closing}`: if this is text, put the whole value in double quotes",
    ),
    "syntax_special_start": Word(
        "值不能以“{character}”开头（YAML 把它当作特殊写法）：给整个值加上双引号，写成 `{example}`",
        "a value cannot start with '{character}' (YAML reads it as syntax): put the whole value in "
        "double quotes: `{example}`",
    ),
    "syntax_special_start_plain": Word(
        "值不能以“{character}”开头（YAML 把它当作特殊写法）：给整个值加上双引号",
        "a value cannot start with '{character}' (YAML reads it as syntax): put the whole value in "
        "double quotes",
    ),
    "syntax_block_indicator": Word(
        "`{indicator}` 表示多行文字，它后面要换行，文字写在下面各行并缩进；如果值本身以“{indicator}”开头，"
        "给整个值加上双引号",
        "`{indicator}` starts a block of text: end the line after it and write the text on the lines "
        "below, indented; if the value itself starts with '{indicator}', put it in double quotes",
    ),
    "syntax_backslash": Word(
        "双引号里的反斜杠 `\\` 后面跟着无效的字符：反斜杠要写成两个（`\\\\`），或者把双引号换成单引号",
        "a backslash (`\\`) in double quotes is followed by a character it cannot escape: write the "
        "backslash twice (`\\\\`), or use single quotes instead of double ones",
    ),
    "syntax_near": Word(
        "第 {line} 行第 {column} 列附近的 YAML 写法有误，文件无法读取：检查这一行和上一行的缩进是否对齐、"
        "引号和括号是否成对、含有 `: ` 或 ` #` 的文字是否加了双引号",
        "the YAML cannot be read near line {line}, column {column}: check this line and the one above "
        "for indentation that does not line up, quotes or brackets left open, and text with `: ` or ` #` "
        "that is not in quotes",
    ),
    "syntax_unreadable": Word(
        "文件无法按 YAML 读取：检查缩进是否对齐、引号和括号是否成对",
        "the file cannot be read as YAML: check that indentation lines up and that quotes and "
        "brackets are closed",
    ),
})
