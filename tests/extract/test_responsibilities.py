"""Responsibilities (issue 6): one parametrized case per shape, on text written for these tests."""

from __future__ import annotations

import pytest

from planparse.context import PlanContext
from planparse.extract import extract_responsibilities
from planparse.extract.responsibilities.lexicon import relation_of_task
from planparse.extract.responsibilities.units import is_unit_item, match_unit_prefix, split_units
from planparse.models import Relation
from planparse.normalize import normalize_text


def _resp(text: str, title: str | None = None, issuer: str | None = None):
    doc = normalize_text(text)
    ctx = PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text), title=title, issuer=issuer)
    out = extract_responsibilities(ctx)
    for r in out:
        assert text[r.span[0]:r.span[1]] == r.text
    return [(r.owner, r.relation.value, r.task) for r in out]


def _pipeline_owners(text: str) -> list[tuple[str, str]]:
    """(owner, relation) of every duty through the whole pipeline: where a rule needs the outline (item
    heads) or the sentence's subject read across clauses."""
    import planparse

    return [(r.owner, r.relation.value) for p in planparse.parse_text(text).plans for r in p.responsibilities]


CASES = {
    # 会同 after a modal: the partner cooperates
    "modal_huitong": ("区住建局要会同区财政局建立资金台账。",
                      [("区财政局", "cooperate", "建立资金台账"), ("区住建局", "responsible", "会同区财政局建立资金台账")]),
    # a unit list, a colon, a framing clause, then the trigger word: each unit gets the duty
    "colon_framing_trigger": ("1.区卫健局、区民政局：按照各自职责，配合做好场地保障工作。\n",
                              [("区卫健局", "cooperate", "做好场地保障工作"), ("区民政局", "cooperate", "做好场地保障工作")]),
    # the same with a verb after the framing clause: responsible
    "colon_framing_verb": ("（五）区文联、区科协：按照各自职能，组织会员开展科普宣传。\n",
                           [("区文联", "responsible", "组织会员开展科普宣传"), ("区科协", "responsible", "组织会员开展科普宣传")]),
    # 按 a norm: the unit is its clause's subject
    "an_norm": ("区财政局按每人200元的标准安排补助资金。",
                [("区财政局", "responsible", "按每人200元的标准安排补助资金")]),
    "x_fuze": ("区教育局负责校园安全排查。", [("区教育局", "responsible", "校园安全排查")]),
    # the partner after 会同 cooperates; the owner's relation is the task's after the partner
    "modal_huitong_supervise": ("县文旅局要会同县财政局每半年对各文化站开展一次专项检查。",
                                [("县财政局", "cooperate", "每半年对各文化站开展一次专项检查"),
                                 ("县文旅局", "supervise", "会同县财政局每半年对各文化站开展一次专项检查")]),
    "court_division_cooperates": ("立案庭配合执行局在10日内完成审查。", [("立案庭", "cooperate", "执行局在10日内完成审查")]),
    "quoted_name_in_owner": ("村“两委”负责护林巡查。", [("村“两委”", "responsible", "护林巡查")]),
    "x_fuze_tongchou": ("县文旅局负责统筹全县文化场馆资源。", [("县文旅局", "responsible", "统筹全县文化场馆资源")]),
    "x_qiantou_tongchou": ("县文旅局牵头负责场馆开放的统筹协调。", [("县文旅局", "lead", "场馆开放的统筹协调")]),
    "x_yao": ("区财政要将防汛经费列入年度预算。", [("区财政", "responsible", "将防汛经费列入年度预算")]),
    "you_x_qiantou": ("由区应急局牵头,区水利局、区气象局等部门参与,编制防汛预案。",
                      [("区应急局", "lead", "编制防汛预案"), ("区水利局", "cooperate", "编制防汛预案"),
                       ("区气象局", "cooperate", "编制防汛预案")]),
    "two_owners": ("由区卫生局和区残联负责组织义诊。",
                   [("区卫生局", "responsible", "组织义诊"), ("区残联", "responsible", "组织义诊")]),
    "ge_kept": ("各社区要建立独居老人台账。", [("各社区", "responsible", "建立独居老人台账")]),
    "cooperate": ("社区治保会将积极配合派出所做好流动人口登记。",
                  [("社区治保会", "cooperate", "积极配合派出所做好流动人口登记")]),
    "supervise_object": ("街道办公室负责对各社区的创建工作进行指导和检查。",
                         [("街道办公室", "supervise", "对各社区的创建工作进行指导和检查")]),
    "lead_word": ("村党支部书记负总责,村委会主任具体负责日常工作。",
                  [("村党支部书记", "lead", "村党支部书记负总责"), ("村委会主任", "responsible", "日常工作")]),
    # a body set up in the sentence owns the subjectless 负责 clause
    "body_subjectless": ("镇里成立环境整治领导小组,具体负责整治方案的制定。",
                         [("环境整治领导小组", "responsible", "整治方案的制定")]),
    # an item headed by its owner: every duty is its own
    "headed_item": ("1、区文化馆。负责组织文艺汇演;开展群众文化培训。\n2、区图书馆。负责图书流通服务。\n",
                    [("区文化馆", "responsible", "组织文艺汇演"), ("区文化馆", "responsible", "开展群众文化培训"),
                     ("区图书馆", "responsible", "图书流通服务")]),
    # 会同: the partner cooperates
    "huitong": ("区人社局会同区总工会开展技能竞赛。",
                [("区总工会", "cooperate", "开展技能竞赛"), ("区人社局", "responsible", "开展技能竞赛")]),
    # a follow-on clause (协助/配合/督促/会同) with another relation is a duty of its own
    "follow_on_item": ("（二）镇水务站：负责河道保洁巡查，协助做好汛期排涝值守。\n",
                       [("镇水务站", "responsible", "河道保洁巡查"), ("镇水务站", "cooperate", "做好汛期排涝值守")]),
    "follow_on_huitong": ("3.区园林所：负责绿地养护质量检查，会同区财政局做好养护经费结算。\n",
                          [("区园林所", "supervise", "绿地养护质量检查"),
                           ("区园林所", "responsible", "会同区财政局做好养护经费结算"),
                           ("区财政局", "cooperate", "做好养护经费结算")]),
    "follow_on_same_relation": ("（一）区档案馆：配合整理移交清单，协助做好数字化扫描。\n",
                                [("区档案馆", "cooperate", "整理移交清单，协助做好数字化扫描")]),
    "follow_on_sentence": ("镇农技站负责病虫害监测预报，配合做好农药减量宣传。",
                           [("镇农技站", "responsible", "病虫害监测预报，配合做好农药减量宣传"),
                            ("镇农技站", "cooperate", "做好农药减量宣传")]),
    # adverbials between the owners and the trigger
    "adverb_by_duty": ("区水利局、区农业农村局按职责分工负责。",
                       [("区水利局", "responsible", "区水利局、区农业农村局按职责分工负责"),
                        ("区农业农村局", "responsible", "区水利局、区农业农村局按职责分工负责")]),
    "adverb_each": ("区民政局、区残联分别负责救助对象的审核。",
                    [("区民政局", "responsible", "救助对象的审核"), ("区残联", "responsible", "救助对象的审核")]),
    "adverb_own_duties": ("镇司法所、镇综治办等单位按照各自职责，配合做好矛盾排查。",
                          [("镇司法所", "cooperate", "做好矛盾排查"), ("镇综治办", "cooperate", "做好矛盾排查")]),
    # several owners: a list with units of the lexicon, a name with 和 inside, a chain after 由
    "owners_list": ("县侨联、县文联、县科协要组织专家下乡。",
                    [("县侨联", "responsible", "组织专家下乡"), ("县文联", "responsible", "组织专家下乡"),
                     ("县科协", "responsible", "组织专家下乡")]),
    "he_inside_name": ("市住房和城乡建设局负责危房鉴定。", [("市住房和城乡建设局", "responsible", "危房鉴定")]),
    "modal_inside_first_owner": ("新城镇应急办和镇卫生院负责灾后防疫。",
                                 [("新城镇应急办", "responsible", "灾后防疫"), ("镇卫生院", "responsible", "灾后防疫")]),
    "you_chain": ("由镇城管办牵头、各村配合、保洁公司具体负责,清运生活垃圾。",
                  [("镇城管办", "lead", "清运生活垃圾"), ("各村", "cooperate", "清运生活垃圾"),
                   ("保洁公司", "responsible", "清运生活垃圾")]),
    "you_huitong": ("由区卫健委会同区医保局制定支付标准。",
                    [("区医保局", "cooperate", "制定支付标准"), ("区卫健委", "responsible", "制定支付标准")]),
    "units_lexicon": ("镇党校每年举办培训班。城关小学负责校内宣传。",
                      [("镇党校", "responsible", "每年举办培训班"), ("城关小学", "responsible", "校内宣传")]),
    # 责任单位: a label before the item's units: each owns the item's heading
    "unit_label": ("2.农贸市场提升项目。总投资50万元。责任单位:镇市场监管所、城东村,镇财政所给予资金指导。\n",
                   [("镇市场监管所", "responsible", "农贸市场提升项目"), ("城东村", "responsible", "农贸市场提升项目"),
                    ("镇财政所", "supervise", "给予资金指导")]),
    "lead_label": ("3.河道清淤项目。牵头单位:镇水利站。\n", [("镇水利站", "lead", "河道清淤项目")]),
    # a group that opens a clause by naming its head owns the duty after it; 督查组 is a name, no verb
    "body_head_then_duty": ("学校设两个专项组:宣传督查组由团委书记任组长,负责校园宣传和舆情引导;"
                            "保障组由总务主任任组长,负责物资采购。",
                            [("宣传督查组", "responsible", "校园宣传和舆情引导"), ("保障组", "responsible", "物资采购")]),
    # a time of every half month before the task: the verb after it gives the relation
    "half_month_supervise": ("区创建办每半月督导一次整改进度。", [("区创建办", "supervise", "每半月督导一次整改进度")]),
    # 对…进行一次安全检查 closes with a supervise word; a quoted name with 、 is no list of duties
    "supervise_once": ("镇安监站每季度对辖区加油站进行一次安全检查。",
                       [("镇安监站", "supervise", "每季度对辖区加油站进行一次安全检查")]),
    "supervise_quoted_name": ("区市场监管局负责对农贸市场开展“双随机、一公开”抽查。",
                              [("区市场监管局", "supervise", "对农贸市场开展“双随机、一公开”抽查")]),
    # 新办/简办 end like an office (城建办) but are verbs: an item headed 喜事新办 names no owner
    "ban_is_a_verb": ("1、喜事新办。提倡简约办婚礼,车队不超过5辆。\n", []),
    # a deadline before a verb is no owner
    "deadline_no_owner": ("6月底前通过市级卫生站验收。", []),
    # not responsibilities: the issuer speaking of itself, framing, roles, named persons
    # (its partner in a joint activity is an owner: test_a_partner_of_the_unnamed_issuer_owns_a_joint_activity)
    "issuer_self": ("我们要加强消防宣传。我镇要加强宣传。", []),
    "framing_only": ("在区委的统一领导下,全面推进各项工作。", []),
    "role_not_task": ("由社区主任任组长。", []),
    # 应 inside 市应急管理局 is no modal; a closing 等参与 gives the heading as task
    "unit_inside_name": ("1.严格环境准入。(市发改委、市应急管理局等参与)",
                         [("市发改委", "cooperate", "严格环境准入"), ("市应急管理局", "cooperate", "严格环境准入")]),
    # a working group's item that names its owners itself (由X牵头,Y、Z配合): X and Y, Z own it, not the group
    "group_item_names_owners": ("(二)后勤保障组。由镇财政所牵头,镇卫生院、镇应急中队配合,负责物资调运。\n",
                                [("镇财政所", "lead", "后勤保障组"), ("镇卫生院", "cooperate", "后勤保障组"),
                                 ("镇应急中队", "cooperate", "后勤保障组")]),
    # an audit is supervision; drafting the plan itself is no duty
    "audit_supervises": ("县审计局对项目资金开展专项审计。", [("县审计局", "supervise", "对项目资金开展专项审计")]),
    "drafting_this_plan": ("经县政府同意，县水务局牵头制定本方案。", []),
    # 查处 ends like an office (处) but is a verb; a 会同 clause is a duty of its own even after 负责
    "huitong_after_fuze": ("2.县交警大队：负责货车限行管控，会同县环保局查处冒黑烟车辆。\n",
                           [("县交警大队", "responsible", "货车限行管控"),
                            ("县交警大队", "responsible", "会同县环保局查处冒黑烟车辆"),
                            ("县环保局", "cooperate", "查处冒黑烟车辆")]),
    # 轮流 between the owner and its trigger; 各责任主体 is an owner
    "in_turn": ("各村轮流承担集中宣传。", [("各村", "responsible", "集中宣传")]),
    "responsible_parties": ("各责任主体要于每月底前报送台账。", [("各责任主体", "responsible", "于每月底前报送台账")]),
    # 股 is a section of a county bureau: a labelled bracket of 股 names its owners
    "gu_sections_in_bracket": ("二、任务\n1.强化抽检。对学校食堂每月抽检不少于20批次（责任单位：餐饮股、各监管所；配合单位：法规股）。\n",
                               [("餐饮股", "responsible", "强化抽检"), ("各监管所", "responsible", "强化抽检"),
                                ("法规股", "cooperate", "强化抽检")]),
    "group_item_you_x_fuze": ("(四)宣传组。由镇宣传办负责信息发布。\n", [("镇宣传办", "responsible", "信息发布")]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_responsibilities(case):
    text, expected = CASES[case]
    assert _resp(text) == expected


def test_label_line_names_a_unit_the_lexicon_does_not_know():
    """责任单位: a name the unit lexicon does not know is a unit when most of the list are."""
    text = "三、就业\n（二）办好招聘会。\n　　责任单位：区就业服务中心、区财政局、区人才市场\n"
    assert [(o, r) for o, r, _ in _resp(text)] == [
        ("区就业服务中心", "responsible"), ("区财政局", "responsible"), ("区人才市场", "responsible")]
    # most items unknown: no owners from the label's leniency
    text = "三、就业\n（二）办好招聘会。\n　　责任单位：区人才市场、区劳务市场、区财政局\n"
    assert [o for o, _, _ in _resp(text)] == []


def test_issuer_from_title_is_not_an_owner():
    assert _resp("文化站将组织三场演出。", title="文化站2025年工作计划") == []


FLAT_TABLE = ("序号\n\n项目\n\n牵头\n\n部门\n\n相关责任部门\n\n完成时间\n\n"
              "12\n\n建成社区养老驿站20个\n\n民政局\n\n财政局、各街道\n\n2026年\n\n"
              "13\n\n推进老旧小区改造\n\n住建局\n\n相关部门\n\n2027年\n")


def test_flattened_task_table():
    assert _resp(FLAT_TABLE) == [
        ("民政局", "lead", "建成社区养老驿站20个"), ("财政局", "cooperate", "建成社区养老驿站20个"),
        ("各街道", "cooperate", "建成社区养老驿站20个"),
        ("住建局", "lead", "推进老旧小区改造"), ("相关部门", "cooperate", "推进老旧小区改造"),
    ]


@pytest.mark.parametrize(("s", "expected"), [
    ("区卫生局和残联", ["区卫生局", "残联"]),
    ("卫生、民政、残联等部门", ["卫生", "民政", "残联"]),
    ("市自然资源和规划局", ["市自然资源和规划局"]),
    ("县(市、区)政府", ["县(市、区)政府"]),
    ("参与创建工作的各街道和社区卫生服务中心", ["各街道", "社区卫生服务中心"]),
    ("乡属各企、事业单位", ["乡属各企、事业单位"]),
    ("8个街道、镇", ["8个街道、镇"]),
    ("加强社区管理", None),
    ("全部", None),
    ("我社区", None),
    # a quoted name after a level word or a unit is part of the name; after a verb, or alone, it is not
    ("社区“两委”", ["社区“两委”"]),
    ("镇民兵营、村民兵连", ["镇民兵营", "村民兵连"]),
    ("立案庭、民事审判庭", ["立案庭", "民事审判庭"]),
    # places and verbs that end like a unit: 场所 (所), 推动 + a unit, 事后处|置
    ("公共娱乐场所", None),
    ("推动重点单位", None),
    ("村“两委”干部、村民小组长", ["村“两委”干部", "村民小组长"]),
    ("清理“僵尸车”车主", None),
    ("“爱心驿站”服务队", None),
    # verbs inside: a clause, not a name (下设, 纳入, 带队 end nothing that is a unit)
    ("专班下设督查组", None),
    ("由用工部门纳入本部门", None),
    ("分管副站长带队", None),
])
def test_split_units(s, expected):
    got = split_units(s)
    assert (None if got is None else [u for u, _, _ in got]) == expected


@pytest.mark.parametrize(("s", "expected"), [
    ("区残联制定优惠政策", "区残联"),
    ("社区书记任组长", "社区书记"),
    ("开展巡查工作", None),
    ("镇综治办主任兼任", "镇综治办主任"),
])
def test_match_unit_prefix(s, expected):
    hit = match_unit_prefix(s)
    assert (hit[0] if hit else None) == expected


@pytest.mark.parametrize(("task", "expected"), [
    ("对各街道进行督查", Relation.supervise),
    ("每季度对各社区工作进行考核", Relation.supervise),
    ("业务指导", Relation.supervise),
    ("牵头制定方案", Relation.lead),
    ("配合做好登记", Relation.cooperate),
    ("将经费列入预算", Relation.responsible),
    ("中心工作的总体领导和协调", Relation.lead),
    # 对… then a count or a checking verb later in the clause; a weekday and a half day skipped
    ("每月对各站台账抽查不少于2家", Relation.supervise),
    ("每季度对食堂卫生检查一次", Relation.supervise),
    ("每周三上午对教学楼进行一次全面检查", Relation.supervise),
    ("对大额报销实行事前审核", Relation.supervise),
    ("对困难学生进行一对一帮扶", Relation.responsible),
    # 统筹 is a verb of the owner's own task (统筹协调, 统筹安排经费), no lead: the contract's lead is
    # 牵头/主管/负总责, and 牵头负责……的统筹协调 is lead by its trigger
    ("统筹协调全镇文化站点建设", Relation.responsible),
    ("统筹安排图书室购书经费", Relation.responsible),
    # 通报 (publishing the others' progress) and 约谈 after 对……进行/实行 are supervision
    ("每两月通报一次各站点建设进度", Relation.supervise),
    ("通报批评", Relation.supervise),
    ("对各站点建设情况进行通报", Relation.supervise),
    ("对落后的站点实行季通报制度", Relation.supervise),
    ("对有关站长进行约谈问责", Relation.supervise),
    ("对各村防火工作进行业务指导和监督检查", Relation.supervise),
    ("对项目资金使用进行全过程监督", Relation.supervise),
    # an adverb's own clause before the task: the task's first word after the comma
    ("按照职责分工,密切配合、形成合力", Relation.cooperate),
    ("按照各自职责,配合做好站点登记", Relation.cooperate),
    # a list before 的 names the objects of one checking activity; a list of activities stays responsible
    ("电梯、锅炉等设备的安全检查", Relation.supervise),
    ("健身场地的建设、维护和检查", Relation.responsible),
    # 对……各检测N次, and 开展/组织(一次)……检查 with no list before the checking word
    ("每月对供水站出厂水、末梢水各检测1次", Relation.supervise),
    ("每日开展现场检查不少于2轮", Relation.supervise),
    ("每季度组织一次全镇食品安全督查", Relation.supervise),
    ("开展宣传、培训和检查", Relation.responsible),
])
def test_relation_of_task(task, expected):
    assert relation_of_task(task, Relation.responsible) is expected


def _examples(kind: str):
    from planparse.resources import load

    return load("relations")["examples"][kind]


@pytest.mark.parametrize("text", _examples("match"))
def test_relations_data_examples_match(text):
    assert _resp(text)


@pytest.mark.parametrize("text", _examples("reject"))
def test_relations_data_examples_reject(text):
    assert _resp(text) == []


def _lexicon_rows():
    from planparse.resources import load

    return [(rel, w) for rel, words in load("relations")["relations"].items() for w in words]


@pytest.mark.parametrize(("rel", "word"), _lexicon_rows())
def test_relation_lexicon_word_starts_a_task(rel, word):
    """Each word of the contract's relation lexicon, opening a task, gives its relation."""
    assert relation_of_task(word + "全镇防汛工作", Relation.responsible).value == rel


@pytest.mark.parametrize(("text", "owner"), [
    ("召开动员会。4月10日前各村要完成摸底登记。", "各村"),
    ("2026年底前区住建局负责完成老旧小区改造。", "区住建局"),
    ("9月起，各学校要开展课后服务。", "各学校"),
    ("年底前街道城管科负责完成验收。", "街道城管科"),
    ("第三季度各社区完成摸底登记。", "各社区"),
    ("下半年区文旅局负责组织验收。", "区文旅局"),
    # no trigger word, no modal: a deadline, then units addressed as 各X and a verb, first or in a later clause
    ("6月底前各社区上报隐患清单。", "各社区"),
    ("每月20日前各科室报送工作台账。", "各科室"),
    ("完成首轮排查后转入整改，每年11月底前各学校上报整改清单。", "各学校"),
    ("按照分工推进各项工作，9月15日前各村报送自查报告。", "各村"),
])
def test_a_date_before_the_owner_is_not_part_of_it(text, owner):
    assert [r[0] for r in _resp(text)] == [owner]
    doc = normalize_text(text)
    (r,) = extract_responsibilities(PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text)))
    assert r.text.startswith(owner)  # the span starts at the owner, not at the date before it


def test_a_deadline_then_a_named_unit_without_trigger_gives_no_duty():
    """After a date only units addressed as 各X own a clause without trigger or modal: 2027年县财政投入……
    states what a year brings. A 每X that is no deadline still opens no owner (每月开展一次检查)."""
    assert _resp("2027年县财政投入300万元,为各校新建功能室。") == []
    assert _resp("每月开展一次安全检查。") == []


def test_a_unit_whose_name_starts_like_a_date_is_kept():
    """Only a date phrase with something after it is cut: a bare 3月 stays where it is no owner."""
    assert [r[0] for r in _resp("区卫生局负责3月份义诊活动。")] == ["区卫生局"]


def test_a_partner_after_huitong_ends_before_jiang():
    """会同 Y 将……: Y is the unit before 将, not a run up to the next unit word (社区工作者)."""
    got = _resp("区民政局会同区团委将青年志愿者纳入社区服务队伍统一管理。")
    assert got == [("区团委", "cooperate", "将青年志愿者纳入社区服务队伍统一管理"),
                   ("区民政局", "responsible", "将青年志愿者纳入社区服务队伍统一管理")]


def test_a_unit_ending_that_starts_a_word_is_no_owner():
    """并追究所在部门……: 所 begins 所在 here, so no unit ends there (and 并 starts no unit)."""
    assert _resp("出现重大失误的，要通报批评，并追究所在单位分管领导的责任。") == []


def test_inline_bracket_of_labelled_units_after_an_item():
    """``(牵头单位:A;责任单位:B、C)`` closing an item: A leads it, B and C are responsible; the
    first unit of each list is given with its label, later units alone."""
    text = "二、任务\n(1)新修乡村道路12公里。(牵头单位:县交通局;责任单位:县财政局、县自然资源局)\n"
    doc = normalize_text(text)
    out = extract_responsibilities(PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text)))
    got = [(r.owner, r.relation.value, r.text) for r in out]
    assert got == [("县交通局", "lead", "牵头单位:县交通局"), ("县财政局", "responsible", "责任单位:县财政局"),
                   ("县自然资源局", "responsible", "县自然资源局")]
    assert all(r.task.startswith("新修乡村道路") for r in out)


def test_the_closing_bracket_is_no_part_of_the_last_unit():
    """The last unit of an inline label list ends before the bracket that closes the list."""
    got = _resp("(2)开展农机手培训3期。(牵头单位:县农业农村局;责任单位:县人社局、各乡镇人民政府)\n")
    assert [o for o, _, _ in got] == ["县农业农村局", "县人社局", "各乡镇人民政府"]


def test_an_article_number_is_no_part_of_the_owner():
    """``第十三条 X负责……``: the article's number opens the line, the owner starts after it."""
    got = _resp("第十三条\u3000区农业局负责建立农产品质量追溯体系。\n")
    assert got == [("区农业局", "responsible", "建立农产品质量追溯体系")]


def test_a_supervisor_post_is_no_supervise_trigger():
    """监督员/督导员 name a post: ``X监督员由Y兼任`` gives X no supervision duty."""
    assert _resp("各村民小组监督员由本组组长兼任。\n") == []
    assert _resp("各片区督导员由片区负责人担任。\n") == []


def test_a_unit_that_organizes_the_work_owns_it():
    """``X组织……``: a unit followed by 组织 (it arranges the work) owns the clause, no trigger needed."""
    assert _resp("县农业农村局组织专家对示范基地进行评估。\n") == [
        ("县农业农村局", "responsible", "组织专家对示范基地进行评估")]
    assert _resp("各乡镇组织农户开展技术培训。\n") == [("各乡镇", "responsible", "组织农户开展技术培训")]


def test_a_recurrence_word_is_no_part_of_a_unit_name():
    """``X每学年与Y签订……``: 每学年 says when, so ``X每学年`` is no unit, and ``X每月召开……`` keeps X."""
    assert [o for o, _, _ in _resp("教职工每学年与学校签订安全承诺书。\n")] == []
    assert [o for o, _, _ in _resp("工作专班每月召开一次推进会,研究解决难点问题。\n")] == ["工作专班"]


def test_forming_a_team_is_no_unit():
    """``组队参加……``: 组队 is a verb (form a team), not a body ending in 队."""
    assert _resp("组队参加县农民趣味运动会。\n") == []


def test_a_level_word_is_the_issuer_only_in_a_plan_of_its_level():
    """``社区要……`` is the issuer speaking in a community's plan, but a community given a task in a
    sub-district's plan; ``学校应……`` likewise in a school's plan and in an education bureau's."""
    text = "社区要每周走访一次独居老人。\n"
    assert _resp(text, title="幸福社区2026年为老服务计划") == []
    assert _resp(text, title="东湖街道2026年为老服务实施方案") == [("社区", "responsible", "每周走访一次独居老人")]
    assert _resp(text, title="为老服务实施方案") == []  # no level named: the safe reading
    text = "学校应在开学前完成校车安全检查。\n"
    assert _resp(text, issuer="某区教育局", title="某区教育局校车安全方案") == [
        ("学校", "supervise", "在开学前完成校车安全检查")]
    assert _resp(text, issuer="某区第一中学", title="某区第一中学校车安全方案") == []
    assert _resp("本校要加强门卫管理。\n", issuer="某区教育局") == []  # 本校: always the issuer


def test_a_unit_described_by_what_befalls_it_is_no_subject():
    """``排名靠后的单位在全镇通报``: the unit is described (的), it is not the subject of a duty."""
    assert _resp("考核排名靠后的单位在全镇范围内通报批评。\n") == []



def test_a_department_issuer_named_by_its_name_is_an_owner():
    """A bureau's plan names the bureau beside the units it directs (``区文旅局每季度……``): an
    owner; a town's plan writing ``镇里`` or the town's name stays the issuer speaking."""
    assert _resp("区文旅局每季度开展一次景区安全检查。\n", issuer="某区文旅局", title="某区文旅局景区安全方案") == [
        ("区文旅局", "supervise", "每季度开展一次景区安全检查")]
    assert _resp("青松镇要加强景区安全检查。\n", issuer="青松镇", title="青松镇景区安全方案") == []


def test_a_clause_stating_a_level_gives_no_task():
    """``X开放时间不少于40小时`` / ``X参与比例不低于80%``: a target about X, not a task given to it."""
    assert _resp("阅览室每周开放时间不少于40小时。\n") == []
    assert _resp("社区志愿者参与巡逻的比例不低于60%。\n") == []
    assert _resp("镇文化站每季度组织一次文艺演出。\n") == [
        ("镇文化站", "responsible", "每季度组织一次文艺演出")]


def test_a_post_with_a_modal_owns_its_duty_but_people_a_rule_binds_do_not():
    """``X专干要……`` / ``植保员须……``: a post with a modal owns the clause; ``来访人员须登记`` and
    ``家长要……`` name people a rule binds, not a unit or a post."""
    assert _resp("村医保专干要逐户核对参保名单。\n") == [("村医保专干", "responsible", "逐户核对参保名单")]
    assert _resp("来访人员须在门卫室登记。\n") == []
    assert _resp("家长要督促孩子按时作息。\n") == []
    # X要负责……: the task starts after the trigger word, not after the modal
    assert _resp("各巡河员要负责本河段的日常巡查。\n") == [("各巡河员", "responsible", "本河段的日常巡查")]


def test_more_unit_words_and_a_unit_opening_like_a_verb():
    """管区, 村居, 总支, 各班 end a unit; 使用单位 is a unit although 使 opens causative clauses."""
    assert [o for o, _, _ in _resp("各管区、村居负责辖区内的垃圾清运。\n")] == ["各管区", "村居"]
    assert [o for o, _, _ in _resp("锅炉使用单位要建立安全管理台账。\n")] == ["锅炉使用单位"]
    assert [o for o, _, _ in _resp("校团总支负责组织志愿者服务活动。\n")] == ["校团总支"]
    assert [o for o, _, _ in _resp("各班负责本班教室的卫生保洁。\n")] == ["各班"]


def test_a_unit_after_a_deadline_clause_opens_the_sentence():
    """``6月底前,各村完成……``: a deadline alone before the unit leaves the unit as the subject;
    完成 is no part of a unit name (各村完成网格: 网格 ends units, the owner is 各村)."""
    assert _resp("6月底前,各村完成河塘清淤。\n") == [("各村", "responsible", "完成河塘清淤")]
    assert _resp("各村完成网格员的培训。\n") == [("各村", "responsible", "完成网格员的培训")]


def test_a_deed_done_is_no_task():
    """``X组织成立了……``: what a unit did (了) is reported, not assigned."""
    assert _resp("东湖社区组织成立了腰鼓队,丰富了居民生活。\n") == []
    assert _resp("东湖社区组织开展腰鼓队培训。\n") == [("东湖社区", "responsible", "组织开展腰鼓队培训")]


def test_xuqiu_is_no_modal():
    """``需求`` (a need) holds 需 but is no modal: ``……可根据家长需求……`` gives no owner."""
    assert _resp("有条件的学校可根据家长需求开展托管服务。\n") == []


def test_an_area_and_a_domain_name_a_department():
    """``镇财政安排……``: an area and a government domain (three characters) are a department
    opening its sentence, as a longer name would be."""
    assert _resp("镇财政安排河道保洁经费60万元。\n") == [("镇财政", "responsible", "安排河道保洁经费60万元")]


def test_no_duty_without_a_trigger_in_a_background_section():
    """Under a background section (现状, 工作基础) a unit and a verb tell what was done; with a
    trigger word (负责) it is still a duty."""
    from planparse.context import SectionNode
    from planparse.models import SectionLabel

    text = "一、基本情况\n县文化馆举办培训班12期。\n二、工作安排\n县文化馆举办培训班15期。\n"
    doc = normalize_text(text)
    s1, s2 = text.index("一、"), text.index("二、")
    secs = [SectionNode("一、", "cn", 1, s1, s1 + 2, s1 + 6, s2, label=SectionLabel.background),
            SectionNode("二、", "cn", 1, s2, s2 + 2, s2 + 6, len(text), label=SectionLabel.tasks)]
    ctx = PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text), sections=secs)
    out = extract_responsibilities(ctx)
    assert [(r.owner, r.task) for r in out] == [("县文化馆", "举办培训班15期")]


def test_a_unit_list_and_a_colon_then_a_verb_is_a_duty_line():
    """``A社区、B社区:做好……``: a line opening with units and a colon, then a verb, gives each
    unit the duty; a colon line of units and no verb (a count) gives none."""
    text = "五、分工\n柳湾社区、石桥社区：做好辖区河道的日常巡护。\n"
    assert _resp(text) == [("柳湾社区", "responsible", "做好辖区河道的日常巡护"),
                           ("石桥社区", "responsible", "做好辖区河道的日常巡护")]
    assert _resp("五、分工\n柳湾社区：12户。\n") == []


def test_a_generator_set_is_no_unit():
    """机组 ends in 组 but names machines (燃煤机组均应……)."""
    assert _resp("现有燃煤机组均应在年底前完成超低排放改造。\n") == []


def test_a_follow_on_clause_after_a_colon_headed_unit():
    """``X:负责A,配合Y做B``: the unit before the colon owns A, and the 配合 clause is a duty of its
    own (cooperate), as after ``X负责A,配合……``."""
    assert _resp("五、职责\n药剂科：负责药品采购管理，配合医务科开展处方点评。\n") == [
        ("药剂科", "responsible", "药品采购管理，配合医务科开展处方点评"),
        ("药剂科", "cooperate", "医务科开展处方点评")]


def test_a_partner_of_the_unnamed_issuer_owns_a_joint_activity():
    """``与X开展……`` / ``我们将与X……检查`` (the issuer unnamed or speaking of itself): X owns the task,
    with the task's relation (cooperate by default); a counterpart (与X签订/共建/建立) owns nothing."""
    assert _resp("二是与辖区边防派出所开展“警民共建”活动，每月走访一次。") == [
        ("辖区边防派出所", "cooperate", "开展“警民共建”活动，每月走访一次")]
    assert _resp("我们将与社区卫生站定期进行联合检查。") == [("社区卫生站", "supervise", "定期进行联合检查")]
    assert _resp("我们将与辖区单位共同开展消防演练。") == [("辖区单位", "cooperate", "共同开展消防演练")]
    assert _resp("与区妇幼保健院签订合作协议，共建母婴服务站。") == []
    assert _resp("与去年相比，参保人数明显增加。") == []


def test_a_later_clause_opened_by_a_unit_owns_its_task_without_a_trigger():
    """``……,区文旅局择优推荐参评``: a later clause that opens with 各X or an area-prefixed organization,
    then a verb, owns the rest of the sentence (no trigger word needed, as in a first clause); not a
    rule (……,园区内企业不得……), nor a word that only ends like a unit (有所)."""
    assert _resp("各街道每季度上报一次典型经验，区文旅局择优推荐参评。") == [
        ("各街道", "responsible", "每季度上报一次典型经验，区文旅局择优推荐参评"),
        ("区文旅局", "responsible", "择优推荐参评")]
    assert _resp("6月底前将整改台账报送区创卫办，区创卫办审核后报指挥部备案。") == [
        ("区创卫办", "responsible", "审核后报指挥部备案")]
    assert _resp("完成年度目标，各类安全事故有所下降，县市场监管局不得降低标准。") == []
    assert _resp("为加强食品安全，县市场监管局决定在全县开展专项检查，方案如下。") == []


def test_work_teams_stations_and_economic_organizations_are_units():
    """运维班 (a work team), 县气象台 and 村集体经济组织 own duties; 值班, 培训班 and 每班 are no units."""
    assert _resp("抢修班负责故障抢修；客服班负责停电信息告知。") == [
        ("抢修班", "responsible", "故障抢修"), ("客服班", "responsible", "停电信息告知")]
    assert _resp("市气象台负责暴雨预警发布。") == [("市气象台", "responsible", "暴雨预警发布")]
    assert _resp("由村股份经济合作社和村集体经济组织负责管护。")[-1][0] == "村集体经济组织"
    assert not is_unit_item("值班") and not is_unit_item("培训班") and not is_unit_item("每班")


@pytest.mark.parametrize("task, rel", [
    ("在4月和10月各组织一次专项检查", "supervise"),  # 和 between months is no list of duties
    ("对全镇道路开展一次质量巡查", "supervise"),
    ("对专项资金的使用情况进行审计", "supervise"),
    ("检查的组织协调和结果汇总", "responsible"),  # 检查的…: a modifier, not the task's verb
    ("组织、协调和督导", "responsible"),  # a list of duties stays responsible
])
def test_relation_of_a_task(task, rel):
    assert relation_of_task(task, Relation.responsible).value == rel


def test_x_with_partner_y_carries_out_a_joint_activity():
    """``X与Y开展……`` with no trigger word: X owns the task, Y is only its partner (not ``X与Y配合``)."""
    assert _resp("3.加强衔接。中班组与邻近的东风路小学开展联合教研，11月组织参观。") == [
        ("中班组", "responsible", "开展联合教研，11月组织参观")]
    assert _resp("社区卫生站与区人民医院开展联合义诊。") == [("社区卫生站", "responsible", "开展联合义诊")]


@pytest.mark.parametrize("text", [
    "引入专业物业公司负责小区保洁。",
    "争取县文旅局支持经费5万元，更新图书室设备。",
    "构建家长参与、全员共建的安全教育体系。",
    "严格执行物资采购和政府采购有关规定。",
])
def test_a_verb_before_a_unit_makes_it_an_object_not_an_owner(text):
    """引入/争取/构建/严格执行 + a unit (data's bad_starts): the unit is the verb's object, no owner."""
    assert _resp(text) == []


@pytest.mark.parametrize(("text", "owner"), [
    # the longest name before the verb (县文旅局抽调业务骨干组) is no unit: a shorter one is tried
    ("县文旅局抽调业务骨干组建督查专班，开展暗访。", "县文旅局"),
    # 组建 is a verb: 各村组|建 is no unit ending in 组
    ("各村组建护林队伍。", "各村"),
])
def test_a_first_clause_subject_behind_a_false_longer_name(text, owner):
    assert [o for o, _, _ in _resp(text)] == [owner]


@pytest.mark.parametrize(("text", "expected"), [
    # a quarter before 组织: no owner 第二季度组织……人员 (组织 opens no unit once the time is cut)
    ("第二季度组织全体管理人员参加消防培训。", []),
    # 至少 is in no unit's name: the count phrase is the task, not part of the owner
    ("各班组至少组织1支队伍参加。", []),
    # X对……的单位进行督查: the units after 对 are X's object; X is the subject
    ("区纪委对工作不力的单位进行督查问责。", [("区纪委", "supervise", "对工作不力的单位进行督查问责")]),
])
def test_a_phrase_around_the_unit_is_no_part_of_the_owner(text, expected):
    assert _resp(text) == expected


def test_the_clause_after_a_stage_heading_and_its_colon_is_a_first_clause():
    """准备阶段（…）：各学校完成…: the clause after the colon opens the sentence's text (a subject and a verb)."""
    assert _resp("2.1 准备阶段（2027年3月—4月）：各学校完成需求调查，制定服务方案。") == [
        ("各学校", "responsible", "完成需求调查，制定服务方案")]


@pytest.mark.parametrize(("text", "owner"), [
    ("乡镇发现问题后须在24小时内上报县林业局。", "乡镇"),
    ("施工单位进场前须编制施工组织计划。", "施工单位"),
    ("各村收到通知时应及时上报。", "各村"),
])
def test_the_subject_of_a_time_clause_before_the_modal_owns_the_task(text, owner):
    """X发现问题后须…: a unit, a short time clause (…后/前/时), then a modal: the unit owns the task."""
    assert [o for o, _, _ in _resp(text)] == [owner]


def test_a_time_clause_without_a_unit_gives_no_owner():
    assert _resp("汛期来临前要完成清淤。") == []


def test_an_item_headed_by_a_unit_that_it_inspects_gives_no_owner():
    """（一）X。重点检查……: in an inspection plan the item names what is inspected, not who inspects
    (the whole pipeline: the item heads need the outline)."""
    text = ("清水县市场监督管理局2027年校园食品安全专项检查工作方案\n\n各有关单位：\n"
            "为保障师生饮食安全，县市场监督管理局决定开展专项检查，方案如下。\n"
            "一、检查范围\n全县学校食堂42家、校外供餐单位6家。\n"
            "二、检查重点\n（一）学校食堂。重点检查原料采购、食品留样等环节，对上年检查发现问题的食堂开展重点复查。\n"
            "（二）校外供餐单位。重点检查配送车辆、餐具消毒等情况。\n"
            "三、职责分工\n（一）县教育局。负责督促学校落实食品安全校长负责制。\n")
    got = _pipeline_owners(text)
    assert got == [("县教育局", "supervise")]


@pytest.mark.parametrize("text", ["社区居委会将围绕以下几个方面开展工作。", "各学校要重点抓好以下工作："])
def test_a_task_announcing_the_list_after_it_is_none(text):
    """围绕以下几个方面开展工作: the plan's outline (data's announce_task_pattern), no task."""
    assert _resp(text) == []


def test_a_unit_with_a_task_beside_an_announcement_keeps_it():
    assert [o for o, _, _ in _resp("社区居委会负责以下三个小区的入户宣传和垃圾分类督导工作。")] == ["社区居委会"]


def test_a_piece_of_an_item_that_names_its_own_unit_is_that_units_duty():
    """1、X。负责A。Y负责B: the item's head owns A; the piece opening with Y and a trigger word is Y's."""
    assert _resp("三、职责分工\n1、区民政局。负责救助对象认定；区财政局配合做好资金保障。\n") == [
        ("区民政局", "responsible", "救助对象认定"), ("区财政局", "cooperate", "做好资金保障")]


def test_places_verbs_and_item_topics_are_no_owners():
    """Through the pipeline (item heads need the outline): 由事后处置 (处|置 is no unit ending), an item
    headed by a place (公共娱乐场所: 场所 is no unit), a verb before a unit (推动重点单位), and an item
    headed by the body to set up whose text opens with 各街道要…: 各街道 owns it."""
    text = ("清水县2027年冬春火灾防控工作方案\n一、总体要求\n坚持预防为主、防消结合，全力推动火灾防控由事后处置向事前预防转变。\n"
            "二、主要任务\n（一）加强重点场所防控。\n"
            "1.公共娱乐场所。对网吧、歌厅实行“双随机、一公开”抽查，抽查比例不低于30%；对值班人员开展持证上岗核查。\n"
            "2.社区消防工作站。各街道要依托综治中心设立消防工作站，每站明确专兼职人员2名。\n"
            "3.远程监控。推动重点单位接入消防远程监控系统，接入单位达到50家以上。\n")
    got = _pipeline_owners(text)
    assert got == [("各街道", "responsible")]


def test_an_item_headed_by_an_activity_whose_text_opens_with_its_schedule_gives_no_owner():
    """1.少儿艺术班。7月至8月开设…, 2.中老年班。每周二开设…: the head names an activity (a class) and its
    text opens with when it runs: no duty list; a piece naming its own unit (培训部负责…) keeps its owner."""
    text = ("清水县文化馆2027年群众文化工作计划\n一、工作目标\n全年开展活动不少于100场。\n二、重点工作\n"
            "（一）开展公益艺术培训。\n1.少儿艺术班。7月至8月开设舞蹈、书法等少儿艺术班，每期学员不超过30人。\n"
            "2.中老年班。每周二、周四上午开设合唱、太极等课程，全年培训1500人次以上。培训部负责课程设置和师资聘请。\n")
    got = _pipeline_owners(text)
    assert got == [("培训部", "responsible")]


def test_a_follow_on_word_after_a_condition_is_no_duty_of_its_own():
    """……开展巡查，发现乱扔垃圾的，督促农户……: 督促 is what the patrol does when it finds something (a
    condition ends the clause before it), one duty; through the pipeline (the sentence's subject is read there)."""
    text = ("清水村2027年人居环境整治工作计划\n\n一、工作目标\n　　全村卫生户达标率达到90%以上。\n二、主要任务\n"
            "　　一是治理生活垃圾。村妇联负责入户宣传和使用指导。\n"
            "　　二是强化农户责任。推行“门前三包”，村干部按“一对一”方式联系农户，每名村干部包联农户不超过40户。"
            "村青年志愿服务队负责每周二、周五对河道和沟渠开展巡查，发现乱扔垃圾的，督促农户在3日内清理完毕。\n")
    got = _pipeline_owners(text)
    assert got == [("村妇联", "responsible"), ("村青年志愿服务队", "responsible")]


def test_units_addressed_as_each_that_set_up_a_body_or_name_a_post_own_it():
    """各X(相应)成立/组建/明确……: each unit addressed sets up a body or names a post (data's
    plural_setup_pattern), first clause or later, even where the new body's head is named (由…任组长);
    one named body setting itself up (街道成立领导小组) stays no duty."""
    assert ("各服务站", "responsible") in [x[:2] for x in _resp("各服务站相应成立由站长任组长的工作小组，负责日常巡查。")]
    assert [x[:2] for x in _resp("各内科、外科科室成立院感质控小组。")] == [
        ("各内科", "responsible"), ("外科科室", "responsible")]
    assert [x[:2] for x in _resp("全镇组建巡防队伍，各村组建不少于8人的巡防小队。")] == [("各村", "responsible")]
    assert [x[:2] for x in _resp("各村明确1名护林员，按照“谁管护、谁负责”原则落实管护。")] == [("各村", "responsible")]
    assert _resp("街道成立工作领导小组。") == []


def test_an_unmarked_line_headed_by_a_unit_and_a_colon_gives_each_piece_to_the_unit():
    """财务科:牵头负责A;负责B (no marker before the unit): each ;-piece is the unit's duty, with its own
    relation, as under a marked head (1.财务科:……)."""
    text = ("某某医院2027年质量工作方案\n一、目标\n全年考核合格率达到95%。\n四、职责分工\n"
            "财务科：牵头负责经费管理；负责资产使用的督导检查。\n")
    assert _pipeline_owners(text) == [("财务科", "lead"), ("财务科", "supervise")]


def test_a_clause_naming_a_telephone_is_no_contact_line():
    """Only a contact line (值班电话:…, 电话0571…) gives nothing; a duty that names telephones (调度卫星电话、
    对讲机等设备, 公示报修电话) keeps its owner (data's contact_line_pattern)."""
    assert [x[:2] for x in _resp("区应急局负责演练现场卫星电话、对讲机等设备的统一调度。")] == [("区应急局", "responsible")]
    assert [x[:2] for x in _resp("物业服务企业要在小区显著位置公示报修电话。")] == [("物业服务企业", "responsible")]
    assert _resp("街道综治中心值班电话：0571-00000000，联系人：某某某。") == []


def test_a_range_of_dates_before_a_place_is_no_owner():
    """1.春季演练。4月至5月在东岭乡、西岭镇组织开展,由县林业局牵头: the date range and the places are no
    owners (owner_time_lead_pattern reads a range), the unit after 由 is."""
    text = ("某县2027年演练工作方案\n一、目标\n全年演练不少于6次。\n二、演练安排\n"
            "1．春季演练。4月至5月在东岭乡、西岭镇组织开展，由县林业局牵头，参演队员不少于80人。\n")
    assert _pipeline_owners(text) == [("县林业局", "lead")]


def test_the_issuers_announcement_that_it_sets_up_a_body_is_no_duty():
    """县人民政府决定成立……领导小组,人员名单如下: an announcement (决定, data's subject_verb_stop), no task."""
    assert _resp("县人民政府决定成立演练工作领导小组，人员名单如下：") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("县综合性救援队伍要每月开展一次专业技能训练。", ["县综合性救援队伍"]),
    ("镇应急队伍负责汛期值守。", ["镇应急队伍"]),
    ("人才队伍要加强业务培训。", []),  # staff at large: 队伍 alone is no unit ending
    ("加强应急救援队伍建设。", []),
])
def test_a_team_named_duiwu_by_its_work_is_a_unit(text, expected):
    assert [r[0] for r in _resp(text)] == expected
