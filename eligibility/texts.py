"""Resident- and staff-facing wording of 政策找人 (simplified Chinese)."""

NAMES = {
    "MZ01": "低保", "MZ02": "特困人员救助供养", "MZ03": "临时救助", "MZ04": "低收入家庭认定",
    "MZ05": "支出型贫困家庭救助", "MZ07": "高龄津贴", "MZ08": "经济困难老年人养老服务补贴",
    "MZ09": "居家养老服务", "MZ13": "残疾人两项补贴", "MZ14": "孤儿基本生活费",
    "MZ15": "事实无人抚养儿童补贴", "MZ16": "困境儿童保障",
}

# -- reasons (assess) -------------------------------------------------------------
NEEDS_HUKOU = "需要本市户籍"
RESIDENCE_OK = "非本市户籍的，持本市居住证或长期居住也可咨询"
ASSETS_OVER = "人均存款等超过{limit}元"
ASSETS_UNKNOWN = "还要看存款等财产"
PP = "月人均收入{pp}元"
BELOW_DIBAO = PP + "，低于低保标准{std}元，每月低保金约{gap}元（按差额）"
NOT_BELOW_DIBAO = PP + "，不低于低保标准{std}元"
LOW_INCOME = PP + "，在低保标准{std}元和{line}元（{std}元×{mult}）之间"
NOT_LOW_INCOME = PP + "，不低于{line}元（低保标准{std}元×{mult}）"
DIBAO_FIRST = "收入已低于低保标准，先按低保办理"
OVER_LINE = PP + "，不低于收入认定线{line}元"
RIGID_CALC = ("{pp}元 − 刚性支出{rigid}元÷12÷{n}人（{per}元）= {adjusted}元，"
              "{cmp}低保标准{std}元")
RIGID_GAP = "，按差额每月约{gap}元"
RIGID_UNKNOWN = "还要看近12个月看病、上学、残疾护理的支出"
TEMPORARY = "近12个月看病等支出大，遇到急难可以申请"
NO_ABILITY = "特困供养面向无劳动能力的人（60岁以上、未满16岁或一、二级残疾）"
HAS_SUPPORTER = "有能履行赡养义务的子女等亲属"
SUPPORTER_UNKNOWN = "还要看有没有能赡养的子女等亲属"
TEKUN = "无劳动能力、收入低于低保标准、无人赡养"
ELDER_TIER = "{age}岁，按{band}档每月约{amount}元"
ELDER_LATER = "{age}岁，年满{start}周岁后可以申请"
ELDER_SERVICE = "低保或低收入家庭的{what}老人，每月约{amount}元服务额度"
ELDER_SERVICE_MAYBE = "低保或低收入家庭的老人，如经评估失能，可能符合"
ELDER_NOT_POOR = "需要是低保或低收入家庭"
HOME_CARE = "可以申请助餐、助洁、助医等上门服务"
CARE = "{grade}级残疾，护理补贴每月约{amount}元（需长期照护）"
LIVING = "低保家庭的残疾人，生活补贴每月约{amount}元"
DISABLED_NO = "护理补贴面向一、二级残疾；生活补贴面向低保家庭"
ORPHAN = "父母双亡或失踪，每月约{amount}元"
UNATTENDED = "父母无法抚养，每月约{amount}元"
HARDSHIP_DISABLED = "残疾儿童，重残的每月约{amount}元"
HARDSHIP_POOR = "低保、低收入家庭的孩子，生活、就医、上学困难的可以认定"
CHILD_UNKNOWN = "还要看孩子父母的情况"
GRADE_NAMES = {1: "一", 2: "二", 3: "三", 4: "四"}

# -- next steps ---------------------------------------------------------------------
NEXT_APPLY = "回复{n}在这里预申请"
NEXT_BOOK = "回复{n}在这里预约"
NEXT_OFFICE = "请到{office}办理"

# -- admin --------------------------------------------------------------------------
LABELS = {
    "dibao_standard": "低保标准（元/人/月）", "low_income_multiple": "低收入倍数",
    "asset_limit": "人均金融资产上限（元）", "expenditure_income_line": "支出型贫困收入认定线（元/人/月）",
    "elderly_age": "老年人年龄（岁）", "child_age": "儿童年龄上限（岁）",
    "living_allowance": "困难残疾人生活补贴（元/月）", "orphan_amount": "孤儿基本生活费（元/月）",
    "unattended_amount": "事实无人抚养儿童补贴（元/月）", "hardship_child_amount": "困境儿童生活补贴（元/月）",
    "elderly_service_amount": "经济困难老年人服务补贴（元/月）",
}
BAD_RANGE = "{label}应在 {low} 到 {high} 之间。"
BAD_TIERS = "高龄津贴分档：每行“起始年龄 金额”，年龄 60 到 120 且不重复，金额不小于 0。"
BAD_GRADES = "护理补贴：每行“残疾等级 金额”，等级 1 到 4，金额不小于 0。"
