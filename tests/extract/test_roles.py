"""Roles (issue 6): one parametrized case per shape, on text written for these tests.

The stage runs alone over a hand-made plan context, so the outline and other stages do not
move these results.
"""

from __future__ import annotations

import pytest

from planparse.context import PlanContext
from planparse.extract import extract_roles
from planparse.extract.roles import holders_of, is_person_name, parse_holder
from planparse.normalize import normalize_text


def _roles(text: str):
    doc = normalize_text(text)
    ctx = PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text))
    out = extract_roles(ctx)
    for r in out:
        assert text[r.span[0]:r.span[1]] == r.text
    return [(r.position, r.person, r.holder, r.org) for r in out]


CASES = {
    # a roster line of offices, one of them a 主管
    "roster_of_offices": ("成立食品安全小组。\n组长：店长 高立新\n成员：各班组长、采购主管\n",
                          [("组长", "高立新", None, "食品安全小组"), ("成员", None, "各班组长", "食品安全小组"),
                           ("成员", None, "采购主管", "食品安全小组")]),
    # offices over 、 before a titled name are that person's titles, inside a longer list too
    "titles_inside_list": ("成立防汛工作领导小组，由镇长高立新任组长，镇党委委员、副镇长罗小岚和派出所所长姚振东任副组长。\n",
                           [("组长", "高立新", None, "防汛工作领导小组"), ("副组长", "罗小岚", None, "防汛工作领导小组"),
                            ("副组长", "姚振东", None, "防汛工作领导小组")]),
    # a level written before a chief position is part of it; no body is named
    "level_of_chief": ("推行河湖长制。镇级河长由副镇长担任，村级河长由村党支部书记担任。\n",
                       [("镇级河长", None, "副镇长", None), ("村级河长", None, "村党支部书记", None)]),
    # a roster announced by 组成如下 belongs to the body named before it
    "announced_composition": ("二、组织\n学校安全工作委员会组成如下：\n主任委员：校长 高立新\n委员：各年级组长\n",
                              [("主任委员", "高立新", None, "学校安全工作委员会"),
                               ("委员", None, "各年级组长", "学校安全工作委员会")]),
    # a body named with its first position keeps the later positions of the sentence
    "body_named_with_first_position": ("安全工作小组组长由校长高立新担任，副组长由副校长罗小岚担任，成员为各年级组长。\n",
                                       [("组长", "高立新", None, "安全工作小组"), ("副组长", "罗小岚", None, "安全工作小组"),
                                        ("成员", None, "各年级组长", "安全工作小组")]),
    # a 工作站 set up in the sentence is the body of its 站长
    "station_body": ("社区成立文明实践工作站，站长由社区书记高立新兼任，副站长由社区主任罗小岚担任。\n",
                     [("站长", "高立新", None, "文明实践工作站"), ("副站长", "罗小岚", None, "文明实践工作站")]),
    # a secretary on a roster line, the office before the name
    "secretary_line": ("成立院感防控委员会。\n主任委员：院长 高立新\n秘书：院感科科员 罗小岚\n",
                       [("主任委员", "高立新", None, "院感防控委员会"), ("秘书", "罗小岚", None, "院感防控委员会")]),
    # list, half-width colon, one role per name
    "list_names": ("村里成立爱卫工作领导小组。\n组长:孙立平 副组长:郝建军\n组员:朱海燕 程永福 吕文清\n",
                   [("组长", "孙立平", None, "爱卫工作领导小组"), ("副组长", "郝建军", None, "爱卫工作领导小组"),
                    ("组员", "朱海燕", None, "爱卫工作领导小组"), ("组员", "程永福", None, "爱卫工作领导小组"),
                    ("组员", "吕文清", None, "爱卫工作领导小组")]),
    # full-width colons, no spaces between position and colon, ideographic space in the position
    "list_fullwidth": ("成立防汛工作指挥部。\n指挥长：魏国强\n组　长：范志红\n",
                       [("指挥长", "魏国强", None, "防汛工作指挥部"), ("组长", "范志红", None, "防汛工作指挥部")]),
    # name with an office gloss in brackets, holders in a list, shared head
    "list_glosses": ("成立养老服务工作领导小组。\n组长：钱某某（街道党工委书记）\n成员：民政科、社保所负责人及各社区书记\n",
                     [("组长", "钱某某", None, "养老服务工作领导小组"),
                      ("成员", None, "民政科负责人", "养老服务工作领导小组"),
                      ("成员", None, "社保所负责人", "养老服务工作领导小组"),
                      ("成员", None, "各社区书记", "养老服务工作领导小组")]),
    # 由X任组长、Y任副组长, Z为成员 (offices, no names)
    "verb_offices": ("社区成立了禁毒工作领导小组,由社区主任任组长、副书记任副组长,网格长、楼长为成员。",
                     [("组长", None, "社区主任", "禁毒工作领导小组"), ("副组长", None, "副书记", "禁毒工作领导小组"),
                      ("成员", None, "网格长", "禁毒工作领导小组"), ("成员", None, "楼长", "禁毒工作领导小组")]),
    # 组长由X担任 with a person behind an office; 下设办公室 makes the office part of the group
    "by_with_office": ("镇政府成立河道整治领导小组,组长由镇长担任。领导小组下设办公室,"
                       "办公室主任由镇水利站站长严守业担任。",
                       [("组长", None, "镇长", "河道整治领导小组"),
                        ("办公室主任", "严守业", None, "河道整治领导小组办公室")]),
    # a shared head distributed: 各村、社区主要负责人
    "by_shared_head": ("成立消防检查领导小组,成员由各村、社区主要负责人组成。",
                       [("成员", None, "各村主要负责人", "消防检查领导小组"),
                        ("成员", None, "社区主要负责人", "消防检查领导小组")]),
    # X为……第一责任人 (no body); 分别 zips holders and positions
    "first_responsible": ("各村主任为本村安全工作的第一责任人。",
                          [("第一责任人", None, "各村主任", None)]),
    "respectively": ("局主要领导和分管领导分别为创建工作的第一责任人、直接责任人。",
                     [("第一责任人", None, "局主要领导", None), ("直接责任人", None, "分管领导", None)]),
    # name + title before the verb
    "name_title": ("学校成立读书节工作小组,韦正华校长担任组长,尤佳同志任办公室主任。",
                   [("组长", "韦正华", None, "读书节工作小组"), ("办公室主任", "尤佳", None, "读书节工作小组办公室")]),
    # a body prefix on the position gives the org
    "position_prefix": ("司法所长担任调委会主任。", [("主任", None, "司法所长", "调委会")]),
    # members named in a 由……组成的 body
    "members_of_body": ("成立由主要负责人组成的防疫工作专班。", [("成员", None, "主要负责人", "防疫工作专班")]),
    # a person named after a body and position
    "body_position_name": ("区防汛抗旱指挥部指挥长曹德明负责总体调度。",
                           [("指挥长", "曹德明", None, "区防汛抗旱指挥部")]),
    # two offices over 、 then a name: one person with two titles (not two holders)
    "titles_then_name": ("成立荷塘村环境整治领导小组,村党总支书记、村委会主任尹德仁任组长。",
                         [("组长", "尹德仁", None, "荷塘村环境整治领导小组")]),
    # two offices over 和 stay two holders; the 任 of 副主任 is no verb
    "two_offices_and": ("成立防疫工作领导小组,街道办副主任和卫生院院长任副组长。",
                        [("副组长", None, "街道办副主任", "防疫工作领导小组"),
                         ("副组长", None, "卫生院院长", "防疫工作领导小组")]),
    # a roster in running text: entries end at ; before the next label, the roster at 。
    "list_semicolons": ("成立招商工作专班,组成如下:组长:雷鸣远(局长);副组长:甘露(副局长)、"
                        "欧阳春(中心主任);成员:综合科、招商科负责人。专班每月开一次会。",
                        [("组长", "雷鸣远", None, "招商工作专班"), ("副组长", "甘露", None, "招商工作专班"),
                         ("副组长", "欧阳春", None, "招商工作专班"), ("成员", None, "综合科负责人", "招商工作专班"),
                         ("成员", None, "招商科负责人", "招商工作专班")]),
    # a member position opening its clause: 成员为A和B; the group opened the sentence
    "members_are": ("学校下设两个小组:宣传组,组长由团委书记担任,成员为各班宣传委员和广播站播音员。",
                    [("组长", None, "团委书记", "宣传组"), ("成员", None, "各班宣传委员", "宣传组"),
                     ("成员", None, "广播站播音员", "宣传组")]),
    # positions of associations and of the 'X长制' (会长, 巷长, 网格长), a descriptor before a name
    "association_and_chiefs": ("村老年协会会长由老党员晏福生担任。\n巷长：龙小川（社区委员）\n"
                               "各网格由社区干部任网格长。\n",
                               [("会长", "晏福生", None, "村老年协会"), ("巷长", "龙小川", None, None),
                                ("网格长", None, "社区干部", None)]),
    # no role: 以X为主 is not a position; a list line whose items are not names
    "not_a_role": ("以社区志愿服务队为主,开展巡逻。\n成员:从各单位抽调。\n", []),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_roles(case):
    text, expected = CASES[case]
    assert _roles(text) == expected


@pytest.mark.parametrize(("s", "slot", "ok"), [
    ("孙立平", True, True), ("XXX", True, True), ("钱某某", True, True), ("欧阳文华", True, True),
    ("社区书记", True, False), ("组长", True, False), ("开展工作", True, False), ("王", True, False),
    # less frequent single surnames of data/surnames.tsv (杭, 禹, 冼, 芮 …) in a name slot
    ("杭立新", True, True), ("禹文杰", True, True), ("冼志强", True, True), ("芮晓梅", True, True),
])
def test_is_person_name(s, slot, ok):
    assert is_person_name(s, slot=slot) is ok


@pytest.mark.parametrize(("s", "expected"), [
    ("区残联副理事长郑宏", ("郑宏", None)),
    ("韦正华校长", ("韦正华", None)),
    ("尤佳同志", ("尤佳", None)),
    ("社区副主任XXX同志", ("XXX", None)),
    ("镇综治办主任", (None, "镇综治办主任")),
    ("从各单位抽调", (None, None)),
])
def test_parse_holder(s, expected):
    assert parse_holder(s) == expected


@pytest.mark.parametrize(("s", "expected"), [
    ("相关科室、各村、各社区一把手", ["相关科室一把手", "各村一把手", "各社区一把手"]),
    ("街道职能科室和各社区负责人", ["街道职能科室负责人", "各社区负责人"]),
    ("城管科、环卫所及各社区书记", ["城管科", "环卫所", "各社区书记"]),
    ("派出所、司法所等单位负责人", ["派出所负责人", "司法所负责人"]),
    ("区文旅局、区体育局和区团委分管负责人", ["区文旅局分管负责人", "区体育局分管负责人", "区团委分管负责人"]),
])
def test_shared_head(s, expected):
    assert [h for _, h in holders_of(s)] == expected


def _examples(kind: str):
    from planparse.resources import load

    return load("positions")["examples"][kind]


@pytest.mark.parametrize("text", _examples("match"))
def test_positions_data_examples_match(text):
    assert _roles(text)


@pytest.mark.parametrize("text", _examples("reject"))
def test_positions_data_examples_reject(text):
    assert _roles(text) == []


# -- the speed-ups (searches near anchors, header lines prefiltered) change no match -------

def _role_soups(n: int, seed: int = 0) -> list[str]:
    """Random strings of role-ish pieces: bodies, positions, names, header lines, separators."""
    import random

    pieces = [*"王李张杜某X,。;、:() \n的和及由任为是等“”",
        "委员会", "领导小组", "指挥部", "办公室", "工作", "社区", "村", "市", "主任", "副主任", "组长", "成员", "委员",
        "办公室主任", "负责", "担任", "同志", "成立", "下设", "组成", "组成的", "康辉", "西刚", "书记", "名单", "成员名单",
        "人员名单", "(一)", "1.", "附件1:", "综合组", "专班", "联席会议", "协调会", "(简称创建办)", "调委会", "第一责任人",
        "分别", "\u3000", "\t"]
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 120))) for _ in range(n)]


def test_near_anchors_is_finditer():
    from planparse.extract import roles

    lx = roles._lex()
    for t in _role_soups(1200):
        s, e = len(t) // 4, len(t) - len(t) // 4
        for pat, anchor, lead, reach, bar in (
                (lx.named_re, lx.named_anchor, lx.named_lead, lx.named_reach, lx.named_bar),
                (lx.member_re, lx.member_anchor, lx.member_lead, lx.member_reach, lx.member_bar),
                (lx.opener_re, lx.opener_anchor, lx.opener_lead, lx.opener_lead + 1, lx.opener_bar)):
            for a, b in ((0, len(t)), (s, e)):
                want = [(m.span(), m.groups()) for m in pat.finditer(t, a, b)]
                for barrier in (None, bar):
                    got = [(m.span(), m.groups())
                           for m in roles._near_anchors(pat, anchor, t, a, b, lead, reach, barrier)]
                    assert got == want, t


def test_first_char_guards_change_no_match():
    import regex

    from planparse.extract import roles

    lx = roles._lex()
    guarded = ((lx.verb_re, roles._first_chars(lx.positions)),
               (lx.opener_re, roles._first_chars([*lx.bodies, "组"])),
               (lx.member_re, roles._first_chars(lx.bodies)))
    for pat, guard in guarded:
        assert guard in pat.pattern
        plain = regex.compile(pat.pattern.replace(guard, ""))
        for t in _role_soups(1200, seed=2):
            assert [(m.span(), m.groups()) for m in pat.finditer(t)] == \
                [(m.span(), m.groups()) for m in plain.finditer(t)], t


def test_header_prefilter_drops_no_body(monkeypatch):
    import regex
    from purepy import interpreted

    # an interpreted copy: compiled code (the optional mypyc build) binds _pats early and tests a str's
    # characters without calling a subclass's __contains__
    roles = interpreted("planparse.extract.roles")

    class _Every(str):
        def __contains__(self, c):  # every character may end a header
            return True

    texts = [normalize_text(t).text for t in _role_soups(1500, seed=1)]
    ctxs = [PlanContext(doc=normalize_text(t), plan_id="p1", start=0, end=len(t)) for t in texts]
    fast = [roles._Roles(c).events for c in ctxs]
    plain = roles._pats().replace(line_end=regex.compile(r"[^\n]"), line_end_chars=_Every(""))
    monkeypatch.setattr(roles, "_pats", lambda: plain)
    assert [roles._Roles(c).events for c in ctxs] == fast


def test_announced_list_of_one_position():
    """``X名单如下:`` then ``<group>:<names>`` lines (two entries may share a line): each name holds X.
    The position (a word ending in 员 will do) keeps its qualifier (卫生监督员), not the words that set it up (设立)."""
    got = _roles("各村民小组设立卫生监督员1名，名单如下：\n　　一组：王大明　二组：刘小红\n　　三组：陈国强\n其余由组长兼任。\n")
    assert [(p, n) for p, n, _, _ in got[:3]] == [("卫生监督员", "王大明"), ("卫生监督员", "刘小红"),
                                                ("卫生监督员", "陈国强")]


def test_announced_list_names_after_a_title():
    """``<station>:<title> <name>、<name>``: the names hold the position; a 医师 title is an office."""
    got = _roles("签约团队共3个，团队长名单如下：\n　　东湖站：全科医生　王大明、刘小红\n"
                 "　　本部：内科主治医师　陈国强\n各团队由医生和护士组成。\n")
    assert [(p, n) for p, n, _, _ in got] == [("团队长", "王大明"), ("团队长", "刘小红"), ("团队长", "陈国强")]


def test_division_of_work_among_holders_of_one_position():
    """``……实行X负责人制,分工如下:`` then ``<task>:<unit> <name> <name>`` lines: each name holds the
    header's position in the unit of its line; a contact gloss is skipped; the first other line ends it."""
    got = _roles("三、各专项工作实行“专项负责人”制，分工如下：\n　　环境整治、垃圾清运：城管科　郑国梁（电话：12345）\n"
                 "　　校园安全：教育科　许文华　沈一鸣\n　　请各科室按分工推进。\n")
    assert got == [("专项负责人", "郑国梁", None, "城管科"), ("专项负责人", "许文华", None, "教育科"),
                   ("专项负责人", "沈一鸣", None, "教育科")]
    # a division of tasks among units, no names: no roles
    assert _roles("四、各科室负责人分工如下：\n　　宣传发动：宣传科\n　　经费保障：财务科\n") == []


def test_a_roster_after_an_announcement_keeps_its_own_positions():
    """``名单如下`` after a body, then ``组长:…`` lines: the labels are the positions."""
    got = _roles("成立防汛工作小组，名单如下：\n组长：魏国强\n成员：范志红\n")
    assert [(p, n) for p, n, _, _ in got] == [("组长", "魏国强"), ("成员", "范志红")]


def test_a_safety_informant_set_up_in_each_class():
    """``各班设安全信息员1名,由X担任``: 安全信息员 is a position (so is 信息员)."""
    got = _roles("成立安全工作领导小组。各班设安全信息员1名，由保育员担任。\n")
    assert [(p, h) for p, _, h, _ in got] == [("安全信息员", "保育员")]


def test_holders_joined_by_yiji_and_people_at_large():
    """``A、B以及C担任`` lists three holders; 专家, 代表 and 人士 name people who can hold a seat."""
    got = _roles("县里成立文明创建委员会。副主任由县委宣传部部长、县文明办主任以及县财政局局长担任，"
                 "委员由各乡镇负责人、法律专家、村民代表和热心人士等担任。\n")
    assert [(p, h) for p, _, h, _ in got] == [
        ("副主任", "县委宣传部部长"), ("副主任", "县文明办主任"), ("副主任", "县财政局局长"),
        ("委员", "各乡镇负责人"), ("委员", "法律专家"), ("委员", "村民代表"), ("委员", "热心人士")]


def test_a_contact_line_naming_a_unit_is_a_role():
    """``联系人:<unit> <name>`` makes the person the unit's contact; a contact line with a name
    alone names no body and gives no role."""
    assert _roles("联系人：县农业农村局种植业科　许文博　联系电话：0000-1234567\n") == [
        ("联系人", "许文博", None, "县农业农村局种植业科")]
    assert _roles("联系人：许文博　联系电话：0000-1234567\n") == []


def test_role_scan_gates_read_the_plan_not_the_document_before_it():
    # a literal the pattern needs, far before the plan, must not open the gate (else each plan of a
    # long compilation would search the whole document before it: quadratic time); one within a
    # lookbehind's reach of the plan's start may
    from planparse.extract.roles import _gated
    from planparse.resources import compile_pattern

    pat = compile_pattern(r"(?<=成员)为[\u4e00-\u9fff]{2,3}")
    text = "成员为" + "。" * 50 + "本计划正文。"
    assert not _gated(pat, text, 53, len(text))
    assert _gated(pat, text, 0, len(text))
    near = "X" * 50 + "成员" + "为张三。"
    assert _gated(pat, near, 52, len(near))


def test_a_person_with_a_less_frequent_surname_holds_the_office():
    """杭 (data/surnames.tsv) opens a name: 第三检察部主任杭晓东任办公室主任 is a role (through the pipeline)."""
    import planparse

    text = ("清水县人民检察院2027年公益诉讼检察工作计划\n\n一、工作目标\n全年办理公益诉讼案件不少于40件。\n"
            "二、组织领导\n　　院成立公益诉讼检察工作领导小组，检察长王立新任组长，副检察长李红任副组长，"
            "第三检察部、案件管理部、办公室主任为成员。领导小组办公室设在第三检察部，第三检察部主任杭晓东任办公室主任。\n"
            "\n清水县人民检察院\n2027年1月10日\n")
    roles = [(r.position, r.person) for p in planparse.parse_text(text).plans for r in p.roles]
    assert ("办公室主任", "杭晓东") in roles
