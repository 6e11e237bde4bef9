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

# -- the interview (handlers.eligibility) -------------------------------------------
INTRO = "好的，我问您几个简单问题（一般不超过10个），帮您看看能享受哪些政策。回答只用于这次判断，不会保存；回复“退出”可随时结束。\n\n"
QUESTIONS: dict[str, str | tuple[str, str]] = {
    "size": "家里一起生活的有几口人？（比如“三口人”；一个人住就说“一个人”）",
    "hukou": ("您是本市户口吗？（回复“是”或“不是”）", "家里有本市户口吗？（回复“是”或“不是”）"),
    "oldest": ("您今年多大岁数？", "家里有60岁以上的老人吗？有的话，最大的多少岁？（没有就说“没有”）"),
    "child": "家里有没有未满18岁的孩子？",
    "parents": ("孩子的爸爸妈妈现在是什么情况？回复数字：\n1. 都在，能照顾孩子\n2. 都去世了或失踪了\n"
                "3. 一方去世或失踪，另一方重残、重病、服刑或失联\n4. 双方都重残、重病、服刑或失联\n5. 其他（如在外打工）"),
    "disability": ("您有残疾证吗？有的话是几级？（比如“二级”；没有就说“没有”）",
                   "家里有没有人有残疾证？有的话是谁、几级？（比如“孩子二级”；没有就说“没有”）"),
    "disabled_child": "有残疾证的是孩子吗？（回复“是”或“不是”）",
    "income": ("您一个月收入大概多少？养老金、工资、补贴都算（比如“一千二”；没有就说“没有”）",
               "全家一个月收入加起来大概多少？工资、养老金等都算（比如“一个月五千来块”）"),
    "rigid": "近12个月，看病自己掏的钱（医保报销后）、上学的学费、残疾护理的花费，加起来大概多少？（比如“四万”；没有就说“没有”）",
    "assets_over": ("您的存款、理财等加起来超过{limit}元吗？", "家里存款、理财等加起来，平均每人超过{limit}元吗？"),
    "supporter": "有没有能赡养您的子女或其他亲属？（回复“有”或“没有”）",
}
AGAIN = "没太明白，请再说一下。"
RESUME = "我们接着看能享受哪些政策："
LIKELY_HEAD = "可能符合（以审核为准）："
UNLIKELY_HEAD = "可能不符合："
NONE_FOUND = "按您说的情况，暂时没有找到可能符合的项目。"
CLOSING = "以上是初步判断：可能符合，以审核为准。回复数字就能在这里申请，已回答的内容会帮您填好；回复“重新测”再来一次。"
CLOSING_NONE = "以上是初步判断，以审核为准。遇到急难可以问我“临时救助”，或回复“转人工”。回复“重新测”再来一次。"
JOB_HINT = "找工作可以到街道社保所（人社部门）问就业帮扶。"
PREFILL_REASON = "政策找人初步判断：{facts}"
FACTS = "家庭{size}人，月收入约{income}元，近12个月刚性支出约{rigid}元"
SAVED = "已保存政策找人的条件数值，居民下一次测算就按新数值。"
NOT_A_NUMBER = "请填写数字。"
TIERS_LABEL = "高龄津贴分档（每行：起始年龄 金额）"
GRADES_LABEL = "重度残疾人护理补贴（每行：残疾等级 金额）"
