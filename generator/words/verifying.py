"""The publication log's words (issue #16): what its library refuses (each `TlogError` key of
generator/tlog/, said by `log_problem`), what `gongshi verify` finds and prints, and the help
of `verify` and `log-key` (the parser reads the `help_…` entries beside COMMANDS')."""

from __future__ import annotations

from collections.abc import Mapping

from .entry import Message, Section, Word

VERIFYING = Section("verifying", {
    # --- what the log library refuses (generator/tlog/, TlogError.key) -----------------------
    "proof_range": Word("证明的范围不对：序号 {index} 不在大小为 {size} 的日志内",
                        "the proof's range is wrong: index {index} is not within a log of size {size}"),
    "proof_hash_size": Word("证明中的哈希值不是 32 字节", "a hash in the proof is not 32 bytes long"),
    "inclusion_invalid": Word("包含证明不成立：第 {index} 条不在大小为 {size} 的树中",
                              "the inclusion proof fails: entry {index} is not in the tree of size {size}"),
    "consistency_invalid": Word(
        "一致性证明不成立：大小为 {old_size} 的日志不是大小为 {new_size} 的日志的前缀",
        "the consistency proof fails: the log of size {old_size} is not a prefix of the log of size {new_size}"),
    "tile_path": Word("不是瓦片路径：{path}", "not a tile path: {path}"),
    "entry_too_long": Word("日志条目有 {length} 字节，超过 65535 字节的上限",
                           "a log entry of {length} bytes is over the limit of 65,535 bytes"),
    "bundle_malformed": Word("{path}：条目包格式不对（每条前面应是两字节的长度）",
                             "{path}: not an entry bundle (each entry after its 2-byte length)"),
    "bundle_count": Word("{path}：应有 {expected} 条条目，实有 {found} 条",
                         "{path}: holds {found} entries, {expected} expected"),
    "tile_malformed": Word("{path}：不是哈希瓦片（长度应是 32 字节的整数倍）",
                           "{path}: not a hash tile (its length must be a multiple of 32 bytes)"),
    "tile_missing": Word("缺少 {path}", "{path} is missing"),
    "tile_differs": Word("{path} 与由条目重新计算的哈希值不同",
                         "{path} differs from the hashes recomputed from the entries"),
    "entry_range": Word("日志中没有第 {index} 条（共 {size} 条）",
                        "the log has no entry {index} (it has {size})"),
    "log_broken": Word("{path} 中的日志不完整：没有一个大小的瓦片是齐全的",
                       "the log in {path} is incomplete: no size has all its tiles"),
    "key_malformed": Word("不是 Ed25519 签名密钥（应为 `名称+8位十六进制+base64`，私钥前加 `PRIVATE+KEY+`）",
                          "not an Ed25519 note key (`name+8 hex digits+base64`, a private key after "
                          "`PRIVATE+KEY+`)"),
    "key_name": Word("密钥名称“{name}”不能为空，也不能含空白或 “+”",
                     "the key name '{name}' must be non-empty, without spaces or '+'"),
    "note_malformed": Word("不是签名文本（signed note）的格式", "not in the signed note format"),
    "note_unsigned": Word("没有配置的密钥 {name} 的签名", "no signature by the configured key {name}"),
    "note_bad_signature": Word("密钥 {name} 的签名不成立", "the signature by key {name} does not verify"),
    "checkpoint_malformed": Word("不是检查点（checkpoint）的格式：应为来源、大小、根哈希各占一行",
                                 "not a checkpoint: origin, size and root hash each on a line"),
    "proof_malformed": Word("不是 tlog-proof 格式的证明", "not a proof in the tlog-proof format"),
    "entry_event": Word("日志条目的事件“{event}”未知", "unknown event '{event}' in a log entry"),
    "entry_field_missing": Word("“{event}”条目缺少字段 `{field}`", "a '{event}' entry lacks the field `{field}`"),
    "entry_field_unknown": Word("“{event}”条目有未知字段 `{field}`", "a '{event}' entry has an unknown field `{field}`"),
    "entry_field_value": Word("“{event}”条目的字段 `{field}` 的值不对",
                              "a '{event}' entry has a wrong value in `{field}`"),
    "entry_not_json": Word("日志条目不是 JSON 对象", "a log entry is not a JSON object"),
    "entry_not_canonical": Word("日志条目不是规范写法的 JSON（键排序、无空白）",
                                "a log entry is not canonical JSON (sorted keys, no whitespace)"),

    # --- gongshi verify -------------------------------------------------------------------------
    "in_checkpoint": Word("{where}：{problem}", "{where}: {problem}"),
    "in_entry": Word("日志第 {index} 条：{problem}", "log entry {index}: {problem}"),
    "site_unreachable": Word("无法读取站点 {site}：{reason}", "cannot read the site {site}: {reason}"),
    "since_unreadable": Word("无法读取较早的检查点 {path}：{reason}", "cannot read the earlier checkpoint {path}: {reason}"),
    "not_a_folder": Word("不是文件夹", "not a folder"),
    "not_text": Word("不是 UTF-8 文本", "not UTF-8 text"),
    "checkpoint_missing": Word("站点没有检查点 {path}", "the site has no checkpoint {path}"),
    "configured_key": Word("配置中的 `extra.gongshi.log.public_key` {problem}",
                           "`extra.gongshi.log.public_key` of the configuration: {problem}"),
    "origin_differs": Word("{where}：来源为“{found}”，配置为“{expected}”",
                           "{where}: its origin is '{found}', the configuration says '{expected}'"),
    "root_differs": Word("由瓦片重新计算的大小为 {size} 的树根与 {path} 中的不同",
                         "the root recomputed from the tiles for size {size} differs from the one in {path}"),
    "version_missing": Word(
        "日志第 {index} 条记录 {id} 第 {version} 版已公开，但站点没有 {path}，日志中也没有其到期或删改的记录",
        "log entry {index} records version {version} of {id} as public, but the site has no {path} "
        "and the log records neither its expiry nor its redaction"),
    "version_differs": Word("{path} 的 SHA-256 为 {found}，日志第 {index} 条记录的是 {expected}",
                            "{path} has SHA-256 {found}, log entry {index} records {expected}"),
    "entry_id": Word("日志第 {index} 条的公告编号“{id}”不能作为路径",
                     "log entry {index} has a notice id '{id}' that cannot be a path"),
    "since_larger": Word("较早的检查点 {path} 的大小 {old_size} 大于当前的 {size}：日志变短了",
                         "the earlier checkpoint {path} has size {old_size}, more than the current {size}: "
                         "the log has shrunk"),
    "since_origin": Word("较早的检查点 {path} 属于另一个日志（“{found}”，当前为“{expected}”）",
                         "the earlier checkpoint {path} is of another log ('{found}', now '{expected}')"),
    "since_inconsistent": Word(
        "较早的检查点 {path}（大小 {old_size}）不是当前日志（大小 {size}）的前缀：日志被改写过",
        "the earlier checkpoint {path} (size {old_size}) is not a prefix of the current log "
        "(size {size}): the log has been rewritten"),
    "unsigned": Word("注意：检查点没有签名，配置中也没有公钥（`extra.gongshi.log.public_key`）",
                     "note: the checkpoint is unsigned, and no public key is configured "
                     "(`extra.gongshi.log.public_key`)"),
    "unchecked_signature": Word(
        "注意：检查点有签名，但配置中没有公钥（`extra.gongshi.log.public_key`），未核对签名",
        "note: the checkpoint is signed but no public key is configured "
        "(`extra.gongshi.log.public_key`): the signature was not checked"),
    "verified": Word("日志完好：{size} 条，根哈希与检查点一致；已核对 {versions} 个版本文件",
                     "the log holds: {size} entries, its root as the checkpoint says; {versions} "
                     "version file(s) checked"),
    "verified_since": Word(
        "日志完好：{size} 条，根哈希与检查点一致；已核对 {versions} 个版本文件；大小为 {old_size} 的较早检查点是它的前缀",
        "the log holds: {size} entries, its root as the checkpoint says; {versions} version file(s) "
        "checked; the earlier checkpoint of size {old_size} is a prefix of it"),
    "key_written": Word("已把私钥写入 {path}（不要提交它；构建时由环境变量 `GONGSHI_LOG_KEY` 给出其路径）。"
                        "公钥，写入 mkdocs.yml 的 `extra.gongshi.log.public_key`：",
                        "wrote the private key to {path} (never commit it; builds get its path from "
                        "`GONGSHI_LOG_KEY`). The public key, for `extra.gongshi.log.public_key` of mkdocs.yml:"),
    "key_exists": Word("{path} 已存在：不会覆盖一个密钥", "{path} exists: a key is never overwritten"),

    # --- help of the commands (read by cli.py beside COMMANDS' help) ---------------------------
    "help_verify": Word("核对站点的发布日志：签名、瓦片、每个版本文件，以及与较早检查点的一致性",
                        "check a site's publication log: signature, tiles, every version file, and "
                        "consistency with an earlier checkpoint"),
    "help_site": Word("站点文件夹或 http(s) 地址", "site folder or http(s) address"),
    "help_since": Word("较早保存的检查点（文件路径或 http(s) 地址）：证明它是当前日志的前缀",
                       "an earlier saved checkpoint (a file path or http(s) address): prove it is a prefix "
                       "of the current log"),
    "help_log_key": Word("生成发布日志的 Ed25519 签名密钥", "make an Ed25519 signing key for the publication log"),
    "help_key_name": Word("密钥名称，建议用日志的来源，例如 `gongshi.example.cn/log`",
                          "the key's name, best the log's origin, e.g. `gongshi.example.cn/log`"),
    "help_key_out": Word("写入私钥的文件（不得已存在）", "file to write the private key to (must not exist)"),
})


def log_problem(key: str, values: Mapping[str, object]) -> Message:
    """The sentence of a `TlogError` (its `key` and `values`) of generator/tlog/."""
    return VERIFYING.message(key, **{name: value if isinstance(value, int) else str(value)
                                     for name, value in values.items()})
