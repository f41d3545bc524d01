"""Time expressions (issue 5): one table row per form, text → every expression with its values.

Each row lists ALL the expressions the sentence should yield, so a row also fails on a spurious
extra match. Sentences are written for this project (none copied from ../shared).
"""

from __future__ import annotations

import itertools
import re

import pytest
from conftest import assert_spans_roundtrip

from planparse.context import PlanContext, SectionNode
from planparse.extract import extract_times
from planparse.extract.times import scan_times
from planparse.models import ParseResult, Plan, Source
from planparse.normalize import normalize_text


def _ctx(text: str, sections: list[SectionNode] | None = None) -> PlanContext:
    doc = normalize_text(text)
    return PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text), sections=sections or [])


def _times(text: str):
    return [(t.text, t.kind.value, t.start, t.end, t.recurrence) for t in extract_times(_ctx(text))]


D, R, REC, P, DUR = "date", "range", "recurring", "period", "duration"

# (id, sentence, [(text, kind, start, end, recurrence), ...])
CASES = [
    # --- dates -----------------------------------------------------------------------------
    ("year_month", "2010年1月召开动员会。", [("2010年1月", D, "2010-01", None, None)]),
    ("full_date", "定于2010年1月1日起施行。", [("2010年1月1日", D, "2010-01-01", None, None)]),
    ("dotted_date", "本方案自2012.3.8起执行。", [("2012.3.8", D, "2012-03-08", None, None)]),
    ("iso_date", "请于2015-06-30完成填报。", [("2015-06-30", D, "2015-06-30", None, None)]),
    ("slash_date", "材料于2015/6/3报送。", [("2015/6/3", D, "2015-06-03", None, None)]),
    ("cn_year", "二〇一〇年全面完成改造。", [("二〇一〇年", D, "2010", None, None)]),
    ("cn_year_month_day", "二〇一二年三月五日开展志愿服务。", [("二〇一二年三月五日", D, "2012-03-05", None, None)]),
    ("month_fen", "计划6月份开展消防演练。", [("6月份", D, "XXXX-06", None, None)]),
    ("cn_month_fen", "定于十月份组织验收。", [("十月份", D, "XXXX-10", None, None)]),
    ("month_end", "各村8月底完成摸底。", [("8月底", D, "XXXX-08", None, None)]),
    ("month_start", "3月初召开推进会。", [("3月初", D, "XXXX-03", None, None)]),
    ("year_end", "年底前完成全部整改。", [("年底前", D, "XXXX-12", None, None)]),
    ("year_start", "年初制定工作台账。", [("年初", D, "XXXX-01", None, None)]),
    ("year_final", "年终进行评比表彰。", [("年终", D, "XXXX-12", None, None)]),
    ("year_with_end", "力争2016年底建成示范点。", [("2016年底", D, "2016-12", None, None)]),
    ("year_year_end", "到2016年年底基本完成。", [("2016年年底", D, "2016-12", None, None)]),
    ("xun_upper", "6月上旬完成培训。", [("6月上旬", D, "XXXX-06", None, None)]),
    ("xun_middle", "由各镇于10月中旬上报。", [("10月中旬", D, "XXXX-10", None, None)]),
    ("xun_lower", "12月下旬组织考核。", [("12月下旬", D, "XXXX-12", None, None)]),
    ("deadline_qian", "各单位于5月20日前上报名单。", [("5月20日前", D, "XXXX-05-20", None, None)]),
    ("deadline_zhiqian", "务必在7月15日之前完成。", [("7月15日之前", D, "XXXX-07-15", None, None)]),
    ("deadline_jiezhi", "截至2019年6月,已建成站点12个。", [("2019年6月", D, "2019-06", None, None)]),
    ("deadline_month_end", "11月底前完成验收。", [("11月底前", D, "XXXX-11", None, None)]),
    ("hao_day", "4月8号召开会议。", [("4月8号", D, "XXXX-04-08", None, None)]),
    ("year_du", "做好2018年度考核工作。", [("2018年度", D, "2018", None, None)]),
    ("bare_year_title", "2019社区志愿服务工作计划", [("2019", D, "2019", None, None)]),
    ("bare_year_phrase", "特制定2019健康促进工作计划。", [("2019", D, "2019", None, None)]),
    ("year_in_phrase", "为做好2021年的防汛工作,特制定本方案。", [("2021年", D, "2021", None, None)]),
    ("relative_year_month", "明年3月底建成投用。", [("明年3月底", D, "XXXX-03", None, None)]),
    ("date_with_clock", "6月1日上午9:00在广场集合。", [("6月1日上午9:00", D, "XXXX-06-01", None, None)]),
    ("date_clock_range", "五月八日下午2:30至4:00在礼堂培训。",
     [("五月八日下午2:30至4:00", D, "XXXX-05-08", None, None)]),
    ("spaced_pdf", "力争 2020 年底前全部达标。", [("2020 年底前", D, "2020-12", None, None)]),
    ("fullwidth_digits", "２０１４年３月完成。", [("２０１４年３月", D, "2014-03", None, None)]),
    # --- placeholders and redactions ---------------------------------------------------------
    ("ph_20XX", "为做好20XX年社区工作,特制定本计划。", [("20XX年", D, "20XX", None, None)]),
    ("ph_20xx_lower", "现将20xx年工作安排如下。", [("20xx年", D, "20XX", None, None)]),
    ("ph_stars", "20**年度法治建设工作要点", [("20**年度", D, "20XX", None, None)]),
    ("ph_times", "20××年,我镇将继续推进。", [("20××年", D, "20XX", None, None)]),
    ("ph_xx_only", "××年完成全部任务。", [("××年", D, "XXXX", None, None)]),
    ("ph_underscores", "__年是我院提升质量的关键一年。", [("__年", D, "XXXX", None, None)]),
    ("ph_date", "20__年x月x日", [("20__年x月x日", D, "20XX-XX-XX", None, None)]),
    ("redacted_year_date", "完成时限为年6月30日。", [("年6月30日", D, "XXXX-06-30", None, None)]),
    ("redacted_year_deadline", "\n年5月10日前,各组上报方案。", [("年5月10日前", D, "XXXX-05-10", None, None)]),
    ("redacted_year_month_end", "领导小组在年8月底完成自查。", [("年8月底", D, "XXXX-08", None, None)]),
    ("redacted_bare_year", "\n到年,全镇建成示范村3个。", [("到年", D, "XXXX", None, None)]),
    # --- ranges ------------------------------------------------------------------------------
    ("range_month_inherit", "(一)宣传阶段(2011年3月—4月)", [("2011年3月—4月", R, "2011-03", "2011-04", None)]),
    ("range_full_dash", "2011年5月1日-2011年6月30日为整改阶段。",
     [("2011年5月1日-2011年6月30日", R, "2011-05-01", "2011-06-30", None)]),
    ("range_ph_years", "20XX年4月1日-20XX年4月30日为准备阶段。",
     [("20XX年4月1日-20XX年4月30日", R, "20XX-04-01", "20XX-04-30", None)]),
    ("range_zhi", "活动时间为5月10日至6月20日。", [("5月10日至6月20日", R, "XXXX-05-10", "XXXX-06-20", None)]),
    ("range_dao", "8月到10月为集中整治期。", [("8月到10月", R, "XXXX-08", "XXXX-10", None)]),
    ("range_tilde", "2013年7月~9月开展排查。", [("2013年7月~9月", R, "2013-07", "2013-09", None)]),
    ("range_en_dash", "2013年7月–9月开展排查。", [("2013年7月–9月", R, "2013-07", "2013-09", None)]),
    ("range_redacted", "年3月1日至年4月15日,开展自查。", [("年3月1日至年4月15日", R, "XXXX-03-01", "XXXX-04-15", None)]),
    ("range_years", "三年计划(2021-2023年)", [("2021-2023年", R, "2021", "2023", None)]),
    ("range_school_year", "2023—2024学年度工作计划", [("2023—2024学年度", R, "2023", "2024", None)]),
    ("range_year_words", "2016年至2018年,全市新建公园5个。", [("2016年至2018年", R, "2016", "2018", None)]),
    ("range_days", "6月1—15日为报名阶段。", [("6月1—15日", R, "XXXX-06-01", "XXXX-06-15", None)]),
    ("range_day_inherit", "2014年9月1日至30日开展安全月活动。",
     [("2014年9月1日至30日", R, "2014-09-01", "2014-09-30", None)]),
    ("range_bare_months", "1-3月为调研阶段。", [("1-3月", R, "XXXX-01", "XXXX-03", None)]),
    ("range_ph_days", "(二)实施阶段(5月_日至5月__日)", [("5月_日至5月__日", R, "XXXX-05-XX", "XXXX-05-XX", None)]),
    # --- recurring ---------------------------------------------------------------------------
    ("rec_weekday_clock", "请于每周五17:00前报送周报。", [("每周五17:00前", REC, None, None, "weekly")]),
    ("rec_month_days", "巡查组每月10、25号各检查一次。", [("每月10、25号", REC, None, None, "monthly")]),
    ("rec_semimonthly", "每半月一次召开调度会。", [("每半月一次", REC, None, None, "semimonthly")]),
    ("rec_quarterly", "每季度通报一次进展。", [("每季度", REC, None, None, "quarterly")]),
    ("rec_yearly", "志愿者培训每年不少于20学时。", [("每年", REC, None, None, "yearly")]),
    ("rec_daily", "保洁员每天清扫两遍。", [("每天", REC, None, None, "daily")]),
    ("rec_daily_ri", "值班人员每日登记。", [("每日", REC, None, None, "daily")]),
    ("rec_weekly_twice", "网格员每周二次入户。", [("每周二次", REC, None, None, "weekly")]),
    ("rec_weekly_once", "召开每周一次的碰头会。", [("每周一次", REC, None, None, "weekly")]),
    ("rec_monthly_issue", "宣传栏做到每月一期。", [("每月一期", REC, None, None, "monthly")]),
    ("rec_biweekly", "每两周组织一次学习。", [("每两周", REC, None, None, "biweekly")]),
    ("rec_bimonthly", "每两个月开展一次评比。", [("每两个月", REC, None, None, "bimonthly")]),
    ("rec_semiannual", "每半年总结一次。", [("每半年", REC, None, None, "semiannual")]),
    ("rec_semesterly", "学校每学期开展两次演练。", [("每学期", REC, None, None, "semesterly")]),
    ("rec_nightly", "宿管员每晚21:30查寝。", [("每晚21:30", REC, None, None, "daily")]),
    ("rec_year_months", "每年3月、9月各开展一次体检。", [("每年3月、9月", REC, None, None, "yearly")]),
    ("rec_year_month_range", "每年6月至8月为汛期。",
     [("每年6月至8月", REC, None, None, "yearly"), ("汛期", P, None, None, None)]),
    ("rec_year_end", "每年年底进行述职。", [("每年年底", REC, None, None, "yearly")]),
    ("rec_weekday_list", "巡逻队每周二、周四晚20:00出勤。", [("每周二、周四晚20:00", REC, None, None, "weekly")]),
    ("rec_monthly_deadline", "各组每月5日前上报报表。", [("每月5日前", REC, None, None, "monthly")]),
    ("rec_frequency", "考评半年一次。", [("半年一次", REC, None, None, "semiannual")]),
    ("rec_series_three", "实行月考核、季讲评、年评优制度。",
     [("月考核", REC, None, None, "monthly"), ("季讲评", REC, None, None, "quarterly"), ("年评优", REC, None, None, "yearly")]),
    ("rec_weekday_span", "每周一至周五8:30开放。", [("每周一至周五8:30", REC, None, None, "weekly")]),
    ("date_yuanyue", "元月底前完成年度总结。", [("元月底前", D, "XXXX-01", None, None)]),
    ("no_unified_monthly", "实行统一月度考核。", []),
    ("rec_mei_feng", "每逢周一升旗。", [("每逢周一", REC, None, None, "weekly")]),
    ("per_quarter_end", "一季度末完成选址。", [("一季度末", P, None, None, None)]),
    ("no_count_trees", "补植苗木2000株。", []),
    ("no_prev_link", "上一篇:2019年社区工作计划", []),
    ("rec_per_month", "补贴按月发放到户。", [("按月", REC, None, None, "monthly")]),
    ("date_after_list_marker", "2.2015年9月底前完成改造。", [("2015年9月底前", D, "2015-09", None, None)]),
    ("month_after_list_marker", "　　3．5月6日至7月20日，开展专项检查。",
     [("5月6日至7月20日", R, "XXXX-05-06", "XXXX-07-20", None)]),
    ("no_month_inside_a_decimal", "合格率提高1.5月均值。", []),
    ("year_whole", "2023年全年共接待游客8万人次。", [("2023年全年", P, "2023", None, None)]),
    ("no_time_limit_quantity", "办理时限压缩至10个工作日以内。", []),
    ("dur_minutes", "接报后5分钟内出警。", [("5分钟内", DUR, None, None, None)]),
    ("per_year_turn", "岁末年初开展走访慰问。", [("岁末年初", P, None, None, None)]),
    ("no_years_in_rate", "戒毒人员戒断两年未复吸率达到60%。", []),
    ("rec_series", "推行日巡查、周通报制度。",
     [("日巡查", REC, None, None, "daily"), ("周通报", REC, None, None, "weekly")]),
    # --- periods -----------------------------------------------------------------------------
    ("per_first_half", "上半年完成选址。", [("上半年", P, None, None, None)]),
    ("per_second_half", "下半年全面推开。", [("下半年", P, None, None, None)]),
    ("per_half_with_year", "2015年下半年启动二期。", [("2015年下半年", P, "2015-07", None, None)]),
    ("per_five_year_plan", "在“十三五”期间,全区新增绿地。", [("“十三五”期间", P, None, None, None)]),
    ("per_within_year", "年内建成文化广场一处。", [("年内", P, None, None, None)]),
    ("per_this_year", "今年我们将重点抓好三件事。", [("今年", P, None, None, None)]),
    ("per_next_year", "明年将扩大试点范围。", [("明年", P, None, None, None)]),
    ("per_recent_years", "近三年累计投入资金。", [("近三年", P, None, None, None)]),
    ("per_since", "今年以来,街道共调解纠纷40件。", [("今年以来", P, None, None, None)]),
    ("per_quarter", "第三季度开展回头看。", [("第三季度", P, None, None, None)]),
    ("per_quarter_year", "2012年第二季度完成。", [("2012年第二季度", P, "2012-04", None, None)]),
    ("per_this_year_du", "结合本年度重点任务。", [("本年度", P, None, None, None)]),
    ("per_season_pair", "组织好春秋两季植树活动。", [("春秋两季", P, None, None, None)]),
    ("per_holidays", "利用寒暑假组织社会实践。", [("寒暑假", P, None, None, None)]),
    # a single season opens a clause as a time; inside a phrase it names a campaign (no time)
    ("per_season_clause", "三、工作安排\n夏季重点做好防暑降温;秋季组织收割机检修。",
     [("夏季", P, None, None, None), ("秋季", P, None, None, None)]),
    ("per_season_in_name", "村委会牵头开展冬季防滑专项整治,年底总结夏季巡河经验。", [("年底", D, "XXXX-12", None, None)]),
    ("per_season_term", "各班在春季学期组织两次家长会。", [("春季学期", P, None, None, None)]),
    ("per_event_prevention", "疫情防控期间,社区暂停聚集性活动。", [("防控期间", P, None, None, None)]),
    ("per_year_season", "2019年汛期,全镇未发生险情。", [("2019年汛期", P, "2019", None, None)]),
    ("per_festival", "春节期间加强值守。", [("春节期间", P, None, None, None)]),
    ("per_now", "目前,全村有党员56名。", [("目前", P, None, None, None)]),
    ("per_present_clause", "当前,辖区老龄化程度较高。", [("当前", P, None, None, None)]),
    ("per_whole_year_adverb", "全年举办讲座6场。", [("全年", P, None, None, None)]),
    ("per_school_year", "上学年,学校共组织演练4次。", [("上学年", P, None, None, None)]),
    ("per_next_week", "并安排下周工作。", [("下周", P, None, None, None)]),
    # --- durations ---------------------------------------------------------------------------
    ("dur_consecutive", "连续5年无安全事故。", [("连续5年", DUR, None, None, None)]),
    ("dur_about", "用3年左右的时间建成示范区。", [("3年左右的时间", DUR, None, None, None)]),
    ("dur_two_years", "经过两年努力,面貌明显改善。", [("两年", DUR, None, None, None)]),
    ("dur_hours", "实行24小时值班。", [("24小时", DUR, None, None, None)]),
    ("dur_days_within", "接报后3天内办结。", [("3天内", DUR, None, None, None)]),
    ("dur_months", "整改期为6个月。", [("6个月", DUR, None, None, None)]),
    ("dur_workdays", "5个工作日内答复。", [("5个工作日内", DUR, None, None, None)]),
    ("dur_weiqi", "开展为期一个月的集中行动。", [("为期一个月", DUR, None, None, None)]),
    # --- not times ---------------------------------------------------------------------------
    ("no_cited_edition", "参照《社区服务指南(2020年版)》执行。", []),
    ("no_cited_notice", "根据市局关于印发2020年消防工作要点的通知精神。", []),
    ("year_after_guanyu_kept", "关于2020年重点工作,现安排如下。", [("2020年", D, "2020", None, None)]),
    ("no_cited_title", "学习《2019年全市安全生产工作要点》。", []),
    ("no_doc_number", "根据市政发〔2018〕12号文件精神。", []),
    ("no_page_timestamp", "时间:2022-04-01 10:20:30\n社区工作计划", []),
    ("no_publish_label", "发布时间:2021年3月2日 来源:本站", []),
    # 本站 in a plan of service stations means "this station", not the website
    ("station_benzhan_kept", "各站修订本站制度,于2029年2月28日前上报。", [("2029年2月28日前", D, "2029-02-28", None, None)]),
    ("no_site_disclaimer", "本文系网友投稿,不代表本站观点,2021年5月。", []),
    # a relative period: the quarter before
    ("last_quarter", "每季度首月分析上季度数据。", [("每季度", REC, None, None, "quarterly"), ("上季度", P, None, None, None)]),
    # an activity with 期间 is a period; several share one 期间; a relative year opens it
    ("event_period", "道路施工期间设置警示标志。", [("施工期间", P, None, None, None)]),
    ("event_period_drill", "消防演练期间封闭东侧通道。", [("演练期间", P, None, None, None)]),
    ("event_periods_joined", "期中考试和培训期间暂停对外开放。", [("考试和培训期间", P, None, None, None)]),
    ("event_period_this_year", "确保明年实习期间不发生事故。", [("明年实习期间", P, None, None, None)]),
    ("no_event_without_qijian", "施工单位要培训考试合格后上岗。", []),
    ("before_holidays", "在国庆等节日前组织一次大扫除。", [("国庆等节日前", P, None, None, None)]),
    ("festival_list_period", "清明、五一和端午等节假日期间加强巡查。", [("清明、五一和端午等节假日期间", P, None, None, None)]),
    ("on_the_day", "发现隐患当日整改到位。", [("当日", P, None, None, None)]),
    ("on_shift", "护理记录由责任护士当班填写。", [("当班", P, None, None, None)]),
    ("no_shift_quantity", "库房药品存量不超过当班用量,由当班护士清点。", []),
    ("no_dated_line_alone", "2021-05-06\n一、指导思想", []),
    ("no_phone", "联系电话:0531-2018667", []),
    ("no_dot_day", "积极开展12.4宪法宣传日活动。", []),
    ("no_section_number", "2.1 组织保障\n3.2 经费保障", []),
    ("no_count_year", "全镇共有2016户居民。", []),
    ("no_month_age", "做好3月龄婴儿体检。", []),
    ("no_study_hours", "每人参训120学时。", []),
    ("no_periodic", "定期开展检查,加强日常管理。", []),
    ("no_whole_year_attribute", "纳入全年工作考核。", []),
    ("no_safety_year", "消防安全年度计划", []),
    ("no_project_phase", "完成项目前期工作。", []),
    ("no_plan_name_years", "实施三年行动计划。", []),
    ("no_hours_quantity", "每人每月服务不少于8小时。", [("每月", REC, None, None, "monthly")]),
    ("no_site_blurb", "下面是小编为大家整理的2018年工作计划,欢迎阅读。", []),
    ("no_file_name", "2024年社区工作计划.docx\n", []),
    # --- held-out review forms (own sentences) ----------------------------------------------
    ("range_weekday_brackets", "比赛定于2026年5月15日（星期五）—5月17日（星期日）举行。",
     [("2026年5月15日（星期五）—5月17日（星期日）", R, "2026-05-15", "2026-05-17", None)]),
    ("range_next_year", "整治期为十二月一日至次年二月二十八日。",
     [("十二月一日至次年二月二十八日", R, "XXXX-12-01", "XXXX-02-28", None)]),
    ("range_next_year_stated", "2025年12月1日至次年3月31日开展排查。",
     [("2025年12月1日至次年3月31日", R, "2025-12-01", "2026-03-31", None)]),
    ("open_range", "摸底阶段(即日起至2026年4月底)。", [("即日起至2026年4月底", R, None, "2026-04", None)]),
    ("year_since", "2019年以来,社区累计完成改造8个。", [("2019年以来", P, "2019", None, None)]),
    ("routine_single", "对各网格实行周通报制度。", [("周通报", REC, None, None, "weekly")]),
    ("series_with_owners", "落实科室日巡查、医院月检查制度。",
     [("日巡查", REC, None, None, "daily"), ("月检查", REC, None, None, "monthly")]),
    ("every_n_days", "消防设施每10日巡检一次。", [("每10日", REC, None, None, "every_10_days")]),
    ("every_workday", "窗口每个工作日8:30—17:30办公。", [("每个工作日8:30—17:30", REC, None, None, "daily")]),
    ("per_semester", "补助按学期拨付到校。", [("按学期", REC, None, None, "semesterly")]),
    ("summer_period", "组织教师暑期集中研修。", [("暑期", P, None, None, None)]),
    ("semester_end", "第二学期末开展评估。", [("第二学期末", P, None, None, None)]),
    ("semesters_duration", "连续三个学期未达标的予以调整。", [("连续三个学期", DUR, None, None, None)]),
    ("notice_ahead", "停水须提前2天告知住户。", [("提前2天", DUR, None, None, None)]),
    ("in_principle_within", "投诉原则上48小时内答复。", [("48小时内", DUR, None, None, None)]),
    ("whole_year_summary", "年底完成全年工作总结。", [("年底", D, "XXXX-12", None, None), ("全年", P, None, None, None)]),
    ("no_warranty_years", "屋面防水质保期不少于8年。", []),
    ("no_capped_minutes", "就诊等候时间≤30分钟。", []),
    ("no_adverbial_hours", "每周至少锻炼5小时。", [("每周", REC, None, None, "weekly")]),
    # --- heldout_h review forms (own sentences) ----------------------------------------------
    ("festivals_joined", "清明、端午期间安排专人值守。", [("清明、端午期间", P, None, None, None)]),
    ("lantern_festival", "元宵节前后加强灯会安保。", [("元宵节前后", P, None, None, None)]),
    ("event_heads", "集训期间食宿统一安排，参训期间不得请假，午睡期间保持安静。",
     [("参训期间", P, None, None, None), ("午睡期间", P, None, None, None)]),
    ("warning_period", "橙色预警期间暂停户外作业。", [("预警期间", P, None, None, None)]),
    ("ensure_whole_year", "力争全年不发生较大事故，确保全年安全稳定。",
     [("全年", P, None, None, None), ("全年", P, None, None, None)]),
    ("term_of_one_year", "见习期为1年，考核合格后转正。", [("1年", DUR, None, None, None)]),
    ("hourly", "水位数据每小时采集一次。", [("每小时", REC, None, None, "hourly")]),
    ("quarters_duration", "连续两个季度排名靠后的予以约谈。", [("连续两个季度", DUR, None, None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_time_expressions(text, expected):
    assert _times(text) == expected


def test_table_is_large_and_ids_unique():
    assert len(CASES) >= 80
    assert len({c[0] for c in CASES}) == len(CASES)


def test_spans_are_source_spans():
    """Spans index the SOURCE text (full-width and traditional input), text is the source slice."""
    source = "一、時間安排\n２０１０年１月－２月完成籌備，每週四１６：００前上報。"
    times = extract_times(_ctx(source))
    assert [t.kind.value for t in times] == ["range", "recurring"]
    for t in times:
        assert source[t.span[0]:t.span[1]] == t.text
    plan = Plan(id="p1", span=(0, len(source)), times=times)
    result = ParseResult(planparse_version="0", plans=[plan],
                         source=Source(path=None, encoding="utf-8", sha256="0", chars=len(source), format="string"))
    assert_spans_roundtrip(source, result)


def test_section_id_is_innermost_section():
    text = "一、时间安排\n(一)准备阶段\n3月底前完成摸底。\n"
    doc_text = normalize_text(text).text
    child_start = doc_text.index("(一)")
    child = SectionNode(marker="(一)", marker_kind="paren_cn", level=2, heading_start=child_start,
                        marker_end=child_start + 3, heading_end=doc_text.index("\n", child_start),
                        end=len(doc_text), id="p1.s1.1")
    top = SectionNode(marker="一、", marker_kind="cn", level=1, heading_start=0, marker_end=2,
                      heading_end=doc_text.index("\n"), end=len(doc_text), id="p1.s1", children=[child])
    child.parent = top
    times = extract_times(_ctx(text, [top]))
    assert [(t.text, t.section_id) for t in times] == [("3月底前", "p1.s1.1")]


def test_plan_bounds_are_respected():
    """Only the plan's own slice is scanned: a time just outside it is not returned."""
    text = "2019年1月\n社区计划\n2020年3月完成。"
    doc = normalize_text(text)
    start = doc.text.index("社区")
    ctx = PlanContext(doc=doc, plan_id="p1", start=start, end=len(doc.text))
    assert [t.text for t in extract_times(ctx)] == ["2020年3月"]


def test_plan_year_never_fills_start():
    """The plan's year resolves nothing in ``start`` (annotation guide): 年底 stays XXXX-12."""
    doc = normalize_text("年底完成。今年启动。")
    ctx = PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text), year=2017)
    assert [(t.text, t.start) for t in extract_times(ctx)] == [("年底", "XXXX-12"), ("今年", None)]


def test_longest_match_wins_over_parts():
    kinds = [(m.kind, m.rule) for m in scan_times("2010年1月—2月")]
    assert kinds == [("range", "range")]


def test_long_repetitive_input_is_scanned():
    """A long run of near-matches (digits, 年, separators) is handled without blowing up."""
    text = ("2010年1月—" * 2000) + ("每周" * 2000) + ("1-" * 3000)
    found = scan_times(text)
    assert found and all(a.end <= b.start for a, b in itertools.pairwise(found))


# -- the speed-ups (first-character guards, range tried at date starts) change no match ------

def _time_soups(n: int, seed: int = 0) -> list[str]:
    """Random strings of time-ish pieces: many near-misses, ranges, redactions, lookalikes."""
    import random

    pieces = [*"0123456789年月日号底初末前后至到—-~.、,。:;() \n",
        "20", "19", "2024", "十二", "十", "一", "二", "三", "两", "元", "今年", "明年", "去年", "当年", "次年", "XX", "××",
        "**", "__", "上旬", "中旬", "年度", "月份", "每", "周", "季度", "上半年", "第", "截至", "关于", "的通知", "《", "》",
        "〔", "〕", "版", "发布时间", "来源", "16:00", "时间:", "小编", ".docx", "个月", "天", "内", "以来", "期间", "春节",
        "汛期", "近", "三年", "行动", "共", "人", "全年", "当前", "目前", "工作", "排查", "汇报",
        # the split rules' alternatives (see times._Split) and what follows them
        "小时", "个小时", "分钟", "工作日", "个工作日", "学期", "左右", "以内", "之内", "时间", "为期", "提前", "连续",
        "次", "遍", "回", "实行", "制度", "机制", "检查", "季", "十三五", "五普法", "“", "”", "今后", "未来", "最近",
        "即日起", "自", "从", "按", "逐", "1998", "19", "国庆", "节", "前后", "下半年", "班组", "和", "以上", "达到",
              # words the parts' anchors (times._anchor_words) look for
              "期为", "期限为", "等节日", "当日", "当班", "本年", "年底", "年初", "前夕", "“十三五”期间"]
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 80))) for _ in range(n)]


def test_speedups_find_what_the_plain_scan_finds(monkeypatch):
    from conftest import OWN_CORPORA
    from purepy import interpreted

    # an interpreted copy of the module, whose calls go through the names patched below (the
    # installed one may be compiled by mypyc, which binds them early)
    times = interpreted("planparse.extract.times")
    texts = _time_soups(800) + [p.read_text(encoding="utf-8") for p in sorted(OWN_CORPORA.glob("*.txt"))[:3]]
    texts = [normalize_text(t).text for t in texts]
    fast = [scan_times(t) for t in texts] + [scan_times(t, len(t) // 3, 2 * len(t) // 3) for t in texts]
    fast = [[m.astuple() for m in ms] for ms in fast]  # (the copy's TimeMatch is a class of its own)
    # plain: no guards, no tries, no skipping, every rule scanned whole by its own finditer, the series too
    monkeypatch.setattr(times, "_guard", lambda chars: "")
    monkeypatch.setattr(times, "trie_alternation", times._alt)
    monkeypatch.setattr(times, "_one_of", times._alt)
    monkeypatch.setattr(times, "_rule_matches", lambda rule, text, s, e, *_: rule.pattern.finditer(text, s, e))
    monkeypatch.setattr(times, "_series_matches", lambda text, s, e, *_: times._series_pattern().finditer(text, s, e))
    times._rules.cache_clear()
    try:
        assert not times._rules()[0].pattern.pattern.startswith("(?=")
        assert all(len(r.pattern.pattern) == len(r.source) for r in times._rules())
        plain = [times.scan_times(t) for t in texts] + [times.scan_times(t, len(t) // 3, 2 * len(t) // 3)
                                                        for t in texts]
    finally:
        times._rules.cache_clear()  # rebuilt with the guards once monkeypatch is undone
    assert fast == [[m.astuple() for m in ms] for ms in plain]
    assert any(fast)


def test_required_chars_are_what_every_match_holds():
    from planparse.extract.times import _required_chars, _rules, _series_item_parts

    assert _required_chars(r"(?P<a>x)(?:ab|cb)(?=z)(?<=q)[mn]d?e{1,2}(?P=a)") == frozenset("xbe")
    assert _required_chars(r"(?i:x)y|yz") == frozenset("y")
    # refused (requires nothing): a bad pattern, syntax only the regex module reads (POSIX class, fuzzy match)
    assert _required_chars(r"(?<!a") == _required_chars("[[:alpha:]]x") == _required_chars("ab{e<=1}") == frozenset()
    parts = [(n, p) for r in _rules() for n, p in zip(r.needs, r.parts, strict=True)] + list(_series_item_parts())
    texts = [normalize_text(t).text for t in _time_soups(300, seed=1)]
    for needs, part in parts:
        for t in texts:
            for m in part.finditer(t):
                assert needs <= set(m.group()), (part.pattern, m.group())


def test_anchor_words_are_what_every_match_needs():
    """Each part's anchor clauses: a word of each is in the text a match was found in, from
    _ANCHOR_BEHIND characters before the search's start (look-behinds) to its end (look-aheads)."""
    from planparse.extract.times import _ANCHOR_BEHIND, _anchor_words, _rules

    assert _anchor_words(r"全年(?!的)") == (("全年",),)
    assert [set(c) for c in _anchor_words(r"(?<=(?:期限为|期为)[ ]?)\d年")] == [{"期为", "期限为"}]
    # none: a character alone (_present's), a branch without words, too many words, a look-behind out of reach
    assert _anchor_words(r"年") == _anchor_words(r"ab|[xy]") == _anchor_words("|".join(f"a{i}" for i in range(9))) == ()
    assert _anchor_words(r"(?<=abcdefghi)xy") == _anchor_words(r"(?<!a") == ()
    parts = [(a, p) for r in _rules() for a, p in zip(r.anchors, r.parts, strict=True)]
    assert sum(bool(a) for a, _ in parts) > 20
    texts = [normalize_text(t).text for t in _time_soups(300, seed=1)]
    n = 0
    for anchors, part in parts:
        for t in texts:
            for lo, hi in ((0, len(t)), (len(t) // 3, 2 * len(t) // 3)):
                window = t[max(0, lo - _ANCHOR_BEHIND):hi]
                for m in part.finditer(t, lo, hi):
                    assert all(any(w in window for w in c) for c in anchors), (part.pattern, m.group())
                    n += bool(anchors)
    assert n > 100


def test_groups_read_as_groupdict():
    """The builders' groups (times._groups, read from m.groups()) are m.groupdict()'s, for every part."""
    from planparse.extract.times import _groups, _rules, _series_item_pattern

    parts = [p for r in _rules() if not r.words for p in r.parts] + [_series_item_pattern()]
    texts = [normalize_text(t).text for t in _time_soups(300, seed=2)]
    n = 0
    for part in parts:
        for t in texts:
            for m in part.finditer(t):
                assert {k: v for k, v in _groups(m).items() if k is not None} == m.groupdict(), part.pattern
                n += 1
    assert n > 500


def test_blurb_check_once_per_scan_is_the_sentence_check():
    """With no blurb word near the scanned text, no sentence around an expression holds one."""
    from planparse.extract import times

    texts = [normalize_text(t).text for t in _time_soups(300, seed=3)]
    for t in texts:
        for a, b in ((0, len(t)), (len(t) // 3, 2 * len(t) // 3)):
            memo = times._blurb_memo(t, a, b)
            for tm in times.scan_times(t, a, b):
                bounds = times._sentence_bounds(t, tm.start, tm.end)
                found = times._filter_patterns()["chrome_words"].search(t, *bounds) is not None
                assert not (found and memo is times._NO_BLURBS)


def test_gates_match_inside_every_match_of_their_rule():
    """A rule's gate (words, no look-around, no group) is found inside the span of each of its matches."""
    from planparse.extract.times import _rules

    gated = [r for r in _rules() if r.gate is not None]
    assert gated
    own = ["自2019年以来,", "2023年 汛期期间", "2025年度全年", "用3天左右的时间", "连续两个月以内", "2021年度 秋冬季",
           "9月15日至11月30日", "2024年3月1日—2024年5月1日前", "20XX年4月1日-20XX年4月30日", "2010年1月 起至 2月",
           "8月8日(星期五)上午9:00至12月1日", "2019.3.1~2019.12.31", "十一月十六日至次年一月三十一日"]
    texts = [normalize_text(t).text for t in _time_soups(600, seed=4) + own]
    for r in gated:
        assert not re.search(r"\(\?(?:<?[=!]|P)|\((?!\?)", r.gate), r.gate
        n = 0
        within = r.gate_within or len(max(texts, key=len))
        for t in texts:
            for m in r.pattern.finditer(t):
                assert r.gate_pattern.search(t, m.start(), min(m.end(), m.start() + within)), (r.id, m.group())
                n += 1
        assert n, r.id  # the soups reach every gated rule


def test_max_width():
    from planparse.extract.times import _max_width

    assert _max_width(r"(?P<s>[-./])\d{1,2}(?P=s)(?<=x)年?") == 5  # a back-reference spans its group
    assert _max_width(r"(?P<s>[(\]])(?:ab|c)(?P=s)") == 4  # brackets and parentheses inside sets
    assert _max_width(r"a+") is None
    assert _max_width(r"(?<!a") is None


def test_next_year_and_event_periods_of_power_and_weather_work():
    """次年 is a period (not as the end of a span: 11月1日至次年3月); 迎峰度夏期间, 高温期间 are event periods."""
    got = [t[0] for t in _times("验收合格的村，次年优先安排项目。迎峰度夏期间加强巡视，高温期间每日监测负荷。\n")]
    assert got == ["次年", "迎峰度夏期间", "高温期间", "每日"]
    assert "次年" not in [t[0] for t in _times("每年11月1日至次年3月开展冬季专项行动。\n")]


def test_quanNian_in_a_half_and_full_year_report_is_no_time():
    """半年和全年工作总结 names reports (as 半年、全年自评): its 全年 is no time."""
    assert [t[0] for t in _times("半年和全年工作总结分别于7月10日前和12月20日前报送。\n")] == ["7月10日前", "12月20日前"]
