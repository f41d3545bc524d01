"""Small plan texts written for these tests (not copied from any corpus)."""

PLAN_A = """2024年XX社区卫生工作计划
一、工作目标
居民健康体检合格率达到95%以上。
二、主要措施
(一)社区卫生服务站负责组织体检。
"""

PLAN_B = """某街道2023年安全工作方案
一、指导思想
坚持安全第一。
二、工作任务
1、街道安监站牵头开展隐患排查,每季度一次。
"""

PLAN_C = """村级环境整治实施方案
一、目标
到2025年底,垃圾收集覆盖面达到100%。
"""


def write_small_corpus(d):
    """Good files in three encodings, plus an empty file and a binary one; returns (good, bad) names."""
    d.mkdir(parents=True, exist_ok=True)
    (d / "a.txt").write_text(PLAN_A, encoding="utf-8")
    (d / "b.txt").write_bytes(PLAN_B.encode("gb18030"))
    sub = d / "sub"
    sub.mkdir(exist_ok=True)
    (sub / "c.txt").write_text(PLAN_C, encoding="utf-8-sig")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe\x00\x81\x8d\xff" * 40)
    (d / "notes.json").write_text("{}", encoding="utf-8")  # not a plan suffix: a directory skips it
    return ["a.txt", "b.txt", "sub/c.txt"], ["binary.txt", "empty.txt"]
