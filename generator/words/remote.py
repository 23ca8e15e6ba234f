"""Attachments outside git (issue #19): what a notice page says of a file kept on another site
(declared by `url`, `size` and `sha256`), and what validation and `build --check-remote` say of
the declarations, of the downloads and of local files too large for the repository."""

from __future__ import annotations

from .entry import Section, Word

# Templates read these as `config.extra.labels` (a TEMPLATE_SECTION).
REMOTE_PAGE = Section("remote_page", {
    "remote_unverified": Word("未经本站核验", "not verified by this site"),
    "remote_note_title": Word("关于“未经本站核验”", "About 'not verified by this site'"),
    "remote_note": Word(
        "标有“未经本站核验”的附件存放在其他网站上：页面上的大小和 SHA-256 摘要是发布单位填写的，"
        "本站生成页面时没有下载核对。下载后请自己计算文件的 SHA-256，与页面上的摘要一致，才是发布单位公布的文件。",
        "Attachments marked 'not verified by this site' are kept on another site: the size and "
        "SHA-256 digest shown are those the publisher declared, and this site did not download the "
        "file to compare them. After downloading, compute the file's SHA-256 yourself: only a file "
        "whose digest matches the one shown is the file the publisher published.",
    ),
})

# Sentences with values (MESSAGE_SECTIONS): problems of validation and of `build --check-remote`.
REMOTE_PROBLEMS = Section("remote_problems", {
    # one value (rule value)
    "sha256_format": Word(
        "应为文件的 SHA-256 摘要：64 位十六进制数字（`0`–`9`、`a`–`f`），例如 "
        "`sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08`；{found}",
        "must be the file's SHA-256 digest: 64 hexadecimal digits (0-9, a-f), e.g. "
        "`sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08`; {found}",
    ),
    # between the fields of one attachment (rule attachment-declared)
    "declared_on_file": Word(
        "{size_field}和{digest_field}只写在用{url_field}的附件里：{file_field}的大小和摘要由本站生成时计算，删除这两行",
        "{size_field} and {digest_field} belong to attachments given by {url_field} only: the "
        "size and digest of an {file_field} are computed by the build; remove these lines",
    ),
    "declared_half": Word(
        "{size_field}和{digest_field}要一起写：只写了{written}，补上{missing}（计算方法见编辑指南“大文件”）",
        "{size_field} and {digest_field} go together: only {written} is given; add {missing} "
        "(how to compute them: the editor guide, 'Large files')",
    ),
    # a local file over the site's limit (rule attachment-too-large)
    "too_large": Word(
        "附件文件“{path}”有 {size}，超过本站的上限 {limit} MB（`extra.gongshi.max_attachment_mb`）："
        "大文件请用 git LFS 提交，或上传到对象存储后改写成 `url`、`size`、`sha256`（见编辑指南“大文件”）",
        "the attachment file '{path}' is {size}, over this site's limit of {limit} MB "
        "(`extra.gongshi.max_attachment_mb`): commit large files with git LFS, or upload them to "
        "object storage and give `url`, `size` and `sha256` instead (the editor guide, 'Large files')",
    ),
    # build --check-remote (rules attachment-mismatch, attachment-download)
    "size_mismatch": Word(
        "远程附件 {url} 与声明不符：`size` 写的是 {expected} 字节，下载到的是 {found} 字节",
        "the remote attachment {url} differs from its declaration: `size` says {expected} bytes, "
        "the download has {found} bytes",
    ),
    "size_over": Word(
        "远程附件 {url} 与声明不符：`size` 写的是 {expected} 字节，下载到的超过了这个大小，已停止下载",
        "the remote attachment {url} differs from its declaration: `size` says {expected} bytes, "
        "the download is longer (stopped there)",
    ),
    "hash_mismatch": Word(
        "远程附件 {url} 与声明不符：`sha256` 写的是 {expected}，下载到的文件是 {found}",
        "the remote attachment {url} differs from its declaration: `sha256` says {expected}, "
        "the downloaded file's is {found}",
    ),
    "download_status": Word(
        "无法下载远程附件 {url}：服务器回答 HTTP {status}",
        "cannot download the remote attachment {url}: the server answered HTTP {status}",
    ),
    "download_failed": Word(
        "无法下载远程附件 {url}（系统报告 `{reason}`）",
        "cannot download the remote attachment {url} (`{reason}`)",
    ),
    "download_timeout": Word(
        "无法下载远程附件 {url}：{seconds} 秒内没有收到数据",
        "cannot download the remote attachment {url}: no data within {seconds} seconds",
    ),
    "download_redirect": Word(
        "无法下载远程附件 {url}：服务器把它转到了不是 https:// 的地址 {target}",
        "cannot download the remote attachment {url}: the server redirected it to {target}, "
        "which is not https://",
    ),
})
