"""Resident- and staff-facing wording of 政策找人 (simplified Chinese)."""

# Each assessed item's short name is the catalogue's (eligibility.short in catalog.yaml).

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
TEKUN_AMOUNT = "基本生活费每月约{basic}元，另有照料护理费：{care}"
TEKUN_CARE = "{level}每月约{amount}元"
TEKUN_CARE_ALL = "按生活自理能力，全自理约{self}元、部分自理约{partly}元、完全不能自理约{full}元"
TEKUN_LEVELS = {"self": "生活全自理", "partly": "部分自理", "full": "完全不能自理"}
TEKUN_INSTITUTION = "生活不能自理的，可优先到供养服务机构集中供养"
ELDER_TIER = "{age}岁，按{band}档每月约{amount}元"
ELDER_LATER = "{age}岁，年满{start}周岁后可以申请"
ELDER_SERVICE = "低保或低收入家庭的{what}老人，每月约{amount}元服务额度"
ELDER_SERVICE_MORE = "经能力评估失能的，额度更高（最高约{top}元）"
ELDER_SERVICE_MAYBE = "低保或低收入家庭的老人，如经评估失能，可能符合"
ELDER_SERVICE_WHO = "面向{start}岁以上、独居或失能（含半失能）的老人"
ELDER_NOT_POOR = "需要是低保或低收入家庭"
# The 能力评估 levels as residents hear them; "partly" is 半失能 before the assessment grades it.
FRAIL_NAMES = {"mild": "轻度失能", "moderate": "中度失能", "partly": "半失能", "full": "失能"}
FRAIL_BY_ASSESSMENT = "，按评估结果定档"
HOME_CARE = "可以申请助餐、助洁、助医等上门服务"
HOME_CARE_FRAIL = "失能、半失能老人优先安排"
ADAPT = "低保或低收入家庭的{what}老人，装扶手、地面防滑、淋浴椅等改造，每户最高约{amount}元（直接结算给施工单位）"
ADAPT_MAYBE = "低保或低收入家庭的老人，如经评估失能或持有残疾证，可以申请"
ADAPT_WHO = "面向{start}岁以上、失能或有残疾证的老人"
NURSING_HOME = "{what}老人可以申请入住公办养老机构，按能力评估安排照护"
NURSING_HOME_PRIORITY = "低保、低收入家庭优先轮候，费用可按规定减免"
CARE = "{grade}级残疾，护理补贴每月约{amount}元（需长期照护）"
CARE_SELF = "{grade}级残疾，护理补贴面向需要长期照护的重度残疾人，生活能自理的以评估为准（每月约{amount}元）"
LIVING = "低保家庭的残疾人，生活补贴每月约{amount}元"
DISABLED_NO = "护理补贴面向一、二级残疾；生活补贴面向低保家庭"
ORPHAN = "父母双亡或失踪，每月约{amount}元"
UNATTENDED = "父母无法抚养，每月约{amount}元"
HARDSHIP_DISABLED = "残疾儿童，重残的每月约{amount}元"
HARDSHIP_POOR = "低保、低收入家庭的孩子，生活、就医、上学困难的可以认定"
CHILD_UNKNOWN = "还要看孩子父母的情况"
FUNERAL = ("本市户籍逝者的接运、暂存、火化、骨灰寄存费用减免，最高约{amount}元；"
           "殡仪馆没有当场减免的，火化后{months}个月内可以申请")
FUNERAL_EXTRA = "低保、特困等困难群众另可加免约{amount}元"
ECO_BURIAL = "树葬、海葬等生态安葬另有奖补约{amount}元"
FUNERAL_HUKOU = "需要逝者为本市户籍（外地户籍的以本市规定为准）"
FUNERAL_LATE = "事后申请要在火化后{months}个月内提出，时间已经过了"
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
    "elderly_service_amount": "养老服务补贴：高龄或独居（元/月）",
    "elderly_service_mild": "养老服务补贴：轻度失能（元/月）",
    "elderly_service_moderate": "养老服务补贴：中度失能（元/月）",
    "elderly_service_severe": "养老服务补贴：重度失能（元/月）",
    "tekun_basic": "特困人员基本生活标准（元/月）", "tekun_care_self": "特困照料护理：全自理（元/月）",
    "tekun_care_partly": "特困照料护理：部分自理（元/月）", "tekun_care_full": "特困照料护理：完全不能自理（元/月）",
    "adaptation_amount": "适老化改造每户最高补助（元）", "funeral_basic_amount": "基本殡葬服务减免最高（元）",
    "funeral_extra_amount": "困难群众殡葬加免最高（元）", "eco_burial_amount": "生态安葬奖补（元）",
    "funeral_claim_months": "殡葬补贴事后申请期限（火化后月数）",
}
# The admin form's sections: every figure staff edit, once, under the items it belongs to.
THRESHOLD_GROUPS = (
    ("社会救助：低保、低收入、支出型贫困、特困", (
        "dibao_standard", "low_income_multiple", "asset_limit", "expenditure_income_line", "tekun_basic",
        "tekun_care_self", "tekun_care_partly", "tekun_care_full")),
    ("养老：高龄津贴、养老服务补贴、适老化改造", (
        "elderly_age", "age_tiers", "elderly_service_amount", "elderly_service_mild", "elderly_service_moderate",
        "elderly_service_severe", "adaptation_amount")),
    ("残疾人与儿童", (
        "care_grades", "living_allowance", "child_age", "orphan_amount", "unattended_amount",
        "hardship_child_amount")),
    ("惠民殡葬", ("funeral_basic_amount", "funeral_extra_amount", "eco_burial_amount", "funeral_claim_months")),
)
BAD_RANGE = "{label}应在 {low} 到 {high} 之间。"
BAD_TIERS = "高龄津贴分档：每行“起始年龄 金额”，年龄 60 到 120 且不重复，金额不小于 0。"
BAD_GRADES = "护理补贴：每行“残疾等级 金额”，等级 1 到 4，金额不小于 0。"
BAD_ORDER = "{labels}应从低到高（或相等）。"

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
    "care": ("您平时生活能自理吗？吃饭、穿衣、上厕所、洗澡能不能自己来？"
             "（比如“能自己来”“有些要人帮”“卧床，离不开人”）",
             "家里的老人平时生活能自理吗？吃饭、穿衣、上厕所、洗澡能不能自己来？"
             "（比如“能自己来”“有些要人帮”“卧床，离不开人”；两位老人的，说要人照顾多的那位）"),
    "loss_months": "您说到家里有亲人去世，请节哀。想问一下，是多久以前的事？（比如“上个月”“三个月前”“去年”）",
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
CARE_FACT = "，老人生活{level}"
# The interview's self-care answer in the words of the forms' 能否自理 options (forms.definitions.SELF_CARE).
CARE_FORM = {"self": "能自理", "mild": "半自理", "moderate": "半自理", "partly": "半自理", "full": "不能自理"}
SAVED = "已保存政策找人的条件数值，居民下一次测算就按新数值。"
NOT_A_NUMBER = "请填写数字。"
TIERS_LABEL = "高龄津贴分档（每行：起始年龄 金额）"
GRADES_LABEL = "重度残疾人护理补贴（每行：残疾等级 金额）"
# Answers read out of turn (eligibility.crossread), said back before the next question.
NOTED = "好的，记下了：{facts}。"
NOTED_FACTS = {
    "size": ("一个人住", "{v}口人"), "hukou": ("不是本市户口", "本市户口"),
    "oldest": ("没有60岁以上的老人", "{v}岁"), "child": ("没有未满18岁的孩子", "有未满18岁的孩子"),
    "disability": ("没有残疾证", "{grade}级残疾"), "income": ("没有收入", "每月收入约{v}元"),
    "rigid": ("近12个月没有看病、上学等大的支出", "近12个月看病、上学等支出约{v}元"),
    "assets_over": ("存款等没超过标准", "存款等超过标准"),
    "supporter": ("没有能赡养的亲属", "有能赡养的亲属"),
}
CARE_NOTED = {"self": "生活能自理", "mild": "轻度失能", "moderate": "中度失能", "partly": "生活有些要人帮",
              "full": "生活不能自理"}
# A question asked again with its options as numbers, and the way out.
CHOOSE = "请回复数字选一项："
OPTION = "{n}. {label}"
WAY_OUT = "回复“退出”结束，或“转人工”找工作人员。"
