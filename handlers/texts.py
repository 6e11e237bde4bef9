"""What handlers say to residents."""

WELCOME = (
    "您好，欢迎关注民政通！我是市民政局的智能助手，可以帮您：\n"
    "1. 查办事指南：直接问，比如“低保要什么材料”\n"
    "2. 线上预申请、预约：比如“我要申请高龄津贴”“预约结婚登记”\n"
    "3. 居民点单：比如“家里老人需要上门打扫卫生”\n"
    "4. 志愿者注册：比如“我想当志愿者”\n"
    "5. 查进度：比如“我的申请到哪一步了”\n"
    "6. 找工作人员：发送“转人工”\n"
    "有什么需要，直接打字或发语音告诉我就行。"
)

ASPECT_LABELS = {
    "overview": "事项简介", "conditions": "申请条件", "materials": "所需材料",
    "process": "办理流程", "time_limit": "办理时限", "location": "办理地点和时间",
    "fee": "收费标准", "contact": "咨询电话", "standard": "补助标准",
    "legal_basis": "政策依据",
}
ACTION_LABELS = {"apply": "我要在线预申请", "appointment": "我要预约办理", "register": "我要注册"}
MORE = "回复数字继续了解："
MENU_HINT = "发送“菜单”查看我能做什么，发送“转人工”联系工作人员。"
NO_FIELD = "这一项暂时没有“{label}”方面的内容，下面是事项简介："
WHICH_SERVICE = "您想了解哪项业务的{label}？请说一下业务名称，比如：低保、高龄津贴、结婚登记、志愿者注册。"
WHICH_OF = "我不太确定您问的是哪一项，请回复数字选择："
# Also for a question the bot is not sure it read (intents.calibration): no guess, 转人工 offered.
NOT_UNDERSTOOD = (
    "抱歉，这个问题我还没学会，已经记录下来交给工作人员完善。\n"
    "您可以换个说法试试，比如“低保要什么材料”“高龄津贴去哪办”。\n" + MENU_HINT
)
OUT_OF_SCOPE = (
    "抱歉，这个问题不属于民政业务，我没法帮您办理。"
    "政府各部门的事情都可以拨打 12345 政务服务便民热线咨询。\n" + MENU_HINT
)
THANKS = "不客气，能帮到您就好！还有其他问题随时问我。"
BYE = "好的，再见！有需要随时发消息给我。"
ACK = "好的。还有其他问题随时问我；发送“菜单”查看我能做什么。"
FULL_NAME = "事项全称：{name}"
REFERRAL_HEAD = "这件事归【{department}】办理。"
CANCELLED = "好的，已经取消了。还有什么可以帮您？"
NOTHING_TO_CANCEL = "好的。目前没有正在办理的事项，不用取消。还有什么可以帮您？"
HUMAN = (
    "好的，已为您转接人工服务。工作人员在工作日 9:00-12:00、13:30-17:30 会尽快在这里回复您；"
    "紧急情况请拨打市民政局服务电话 0000-1234500（示例号码）或 12345 热线。"
)

# -- forms ----------------------------------------------------------------------------
FORM_START = ("好的，开始办理【{title}】，共 {n} 项，一项一项来。\n"
              "随时可以回复“返回上一步”“重填”或“取消”。")
FORM_QUESTION = "（{i}/{n}）{prompt}"
FORM_RESUME = "我们接着填【{title}】："
FORM_DROPPED = "好的，【{title}】不办了，填写的内容没有保存。"
FORM_CANCELLED = "好的，已取消【{title}】，填写的内容没有保存。还有什么可以帮您？"
FORM_RESTART = "好的，我们从头重新填。"
FORM_FIRST = "已经是第一项了。"
FORM_SUMMARY = "请核对以下信息：\n{lines}\n\n回复“确认”提交；回复“修改+序号”修改某一项（如“修改2”）；回复“取消”放弃。"
FORM_CONFIRM_HELP = "请回复“确认”提交，或回复“修改+序号”修改某一项，比如“修改2”。"
NOT_ELIGIBLE_TAIL = "\n\n本次办理已结束，信息没有保存。" + MENU_HINT
ASK_SERVICE = "您想办理哪一项？请说一下名称，比如：低保、高龄津贴、适老化改造、结婚登记预约。"
GUIDE_ONLY = "这项业务暂不支持在线办理，请按下面的指南到窗口办理：\n"
SUBMITTED = ("已提交！【{title}】预申请编号：{reference}\n当前状态：已提交\n下一步：{next}\n"
             "随时发送“我的申请”查看进度。")
BOOKED = "预约成功！【{title}】编号：{reference}\n时间：{when}\n{next}"
RESCHEDULED = "改约成功！【{title}】编号：{reference}\n新的时间：{when}"
SLOT_TAKEN = "抱歉，这个时间刚刚被约满了，请重新选一个时间。"
NO_SLOTS = "抱歉，近期的预约号都已约满，请过几天再试，或拨打咨询电话。"
REGISTERED = ("志愿者注册信息已提交，工作人员审核通过后会通知您。\n"
              "审核通过后，服务时长会自动记录，发送“我的志愿时长”可随时查看。")
APPOINTMENT_MENU = "您已预约【{title}】：{when}（编号 {reference}）。\n回复数字：\n1. 改约\n2. 取消预约\n3. 保留不变"
APPOINTMENT_KEPT = "好的，预约保持不变。"
APPOINTMENT_CANCELLED = "已取消【{title}】{when} 的预约（编号 {reference}）。"
NO_APPOINTMENT = "您目前没有有效的预约。需要预约可以说“预约结婚登记”。"
RESCHEDULE_TITLE = "改约"
NEEDS_VOLUNTEER = ("志愿服务记录证明面向审核通过的注册志愿者。您还没有注册志愿者或注册还在审核中，"
                   "可以先发送“我要当志愿者”注册。")
VOLUNTEER_STATUS = "您已提交志愿者注册（{name}，{community}），状态：{status}。累计服务时长：{hours} 小时。"
VOLUNTEER_HOURS_TAIL = "需要开具服务时长证明，可以发送“申请志愿服务证明”。"
# The volunteer's hours, added to a volunteers-only application (label, value).
VOLUNTEER_HOURS_LABEL = "累计服务时长"
VOLUNTEER_HOURS_VALUE = "{hours} 小时"
VOLUNTEER_KNOWN_ITEMS = "姓名{name}、电话{phone}"
APPOINTMENT_CANCEL_REASON = "居民在线取消"

# -- 我的申请 / 我的预约 / 进度 (handlers/status.py) -------------------------------------
STATUS_NOTHING = "您目前没有在办的申请、预约或订单。需要办理可以说“我要申请高龄津贴”“预约结婚登记”。"
STATUS_HEADER = "您的办理进度："
STATUS_APPOINTMENT_HINT = "需要改约或取消预约，请回复“改约”或“取消预约”。"
STATUS_APPLICATION = "【{title}】申请 {reference}：{status}{reason}\n下一步：{next}"
STATUS_REASON = "（{reason}）"
STATUS_APPOINTMENT = "【{title}】预约 {reference}：{when}，{status}"
STATUS_TICKET = "人工服务工单 {reference}：工作人员处理中"

# -- danger first (handlers/danger.py): what to do now and whom to call ----------------
# The first line of the first reply; most urgent class first. Wording errs on safety.
DANGER_FIRST = {
    "self_harm": ("您的安全最要紧：请马上拨打 12356 心理援助热线（24小时）；如果已经伤害了自己"
                  "或有生命危险，请立即拨打 120 急救或 110。请不要一个人待着，叫身边信任的人陪着您。"),
    "fire": ("着火了请马上离开，到室外安全处立即拨打 119 火警电话；用湿毛巾捂住口鼻、弯腰走安全"
             "通道，不要乘电梯，不要回去拿东西。有人受伤请拨打 120。"),
    "gas": ("燃气泄漏请马上：关闭燃气总阀，打开门窗通风，不要开关电灯电器、不要点火、不要在屋里"
            "打电话，立即离开屋子，到室外再拨打{gas}或 119。"),
    "crime": ("请先到安全的地方（锁好门或离开现场），立即拨打 110 报警，说清地址；不要和对方正面"
              "冲突。有人受伤请拨打 120。"),
    "fraud": ("请先不要转账、不要说验证码，挂断电话，立即拨打 110 报警（也可拨 96110 反诈专线）；"
              "公安、法院不会让您把钱转到“安全账户”。"),
    "medical": ("请立即拨打 120 急救电话，说清地址和病人情况；摔倒或昏迷的人不要随意搬动，出血就用"
                "干净的布用力按住伤口，守在旁边等救护车。"),
    "alone": ("孩子或行动不便的人独自在家、有危险时，请立即拨打 110 求助（受伤或发病拨打 120），"
              "并马上请家人、邻居或社区去现场。"),
    "no_answer": ("独居老人联系不上，请马上请邻居、物业或社区上门查看；怀疑出事请立即拨打 110"
                  "（可协助开门）或 120 急救。"),
    "missing": ("孩子或老人走失、找不到，请立即拨打 110 报警，说清走失的时间、地点、衣着和长相；"
                "同时请家人、邻居和社区在附近分头寻找，家里留一个人等着。"),
    "trapped": ("有人被困请立即拨打 119 消防救援，说清地点和被困的人数；困在电梯里请按电梯内的报警按钮"
                "或拨打电梯里贴的救援电话，不要扒门。有人受伤请拨打 120。"),
    "help": "如有生命危险，请立即拨打 120 急救、110 报警或 119 火警。",
}
DANGER_GAS_DEFAULT = "燃气公司抢修电话（燃气表或缴费单上有）"
DANGER_HOTLINE = "市民政局急难求助24小时热线：{hotline}。需要工作人员马上跟进，请回复“转人工”。"
DANGER_DISPATCH = "如需社区派人上门协助，我们直接派单，不用等审核。"
DANGER_FORM_KEPT = "您刚才填写的内容已保留，处理完紧急情况再接着填：\n{prompt}"
DANGER_THEN = "您问的另一件事："

# -- forms that never trap a resident -------------------------------------------------
FORM_GOING_ON = "好的，我们接着填【{title}】："
FORM_ASIDE = "刚才的【{title}】还没填完，回复“继续”接着填，也可以直接回答："
FORM_PAUSED = ("好的，【{title}】先暂停，已填的内容为您保留{hours}小时。"
               "想接着填时回复“继续”；不办了可以回复“取消”。")
FORM_LEFT_FOR_MENU = "好的，已退出【{title}】，已填的内容为您保留{hours}小时，回复“继续”接着填，不要了回复“取消”。"
FLOW_LEFT_FOR_MENU = "好的，已退出{title}。"
PARKED_NOTE = "刚才的【{title}】还没填完，已为您保留，回复“继续”接着填。"
PARKED_AFTER_IDLE = ("您好，刚才的【{title}】还没填完，已为您保留（{hours}小时内有效），"
                     "回复“继续”接着填。")
PARKED_EXPIRED = "您之前没填完的【{title}】已超过{hours}小时没有继续，内容已清除，需要的话请重新办理。"
SWITCH_ASK = ("您的【{old}】还没填完。要先办【{new}】吗？\n"
              "回复“是”先办【{new}】（【{old}】为您保留，之后回复“继续”接着填）；回复“否”接着填【{old}】。")
SWITCHED = "好的，先办【{new}】，【{old}】为您保留，办完后回复“继续”接着填。"
NOTHING_TO_RESUME = "目前没有没填完的办理。" + MENU_HINT
KNOWN_OFFER = "用上次的{label}{value}吗？回复“是”使用，或直接输入新的。"
KNOWN_LABELS = {"mobile": "电话", "name": "姓名", "community": "社区"}
CLOSED_NUMBERS = "没有看懂您的选择，请直接回复选项前面的数字："
CLOSED_HUMAN = "如果不好选，可以回复“转人工”，请工作人员帮您。"
TOOK_SEVERAL = "好的，已记下{labels}。"
TOOK_OTHER = "这是{label}吧，已先记下。"
TOOK_OTHER_STORY = "您说的情况已先记在“{label}”里，到那一步可以再补充。"
CORRECT_ASK = "好的，请重新输入{label}。"
CORRECTED = "好的，{label}已改为：{value}。"
LOCATION_COMMUNITY = "收到您的位置：{label}。所在社区是【{community}】吗？回复“是”确认，或回复选项前面的数字。"
LOCATION_OFFER = "收到您的位置：{label}。用这个作为地址吗？回复“是”使用，或直接输入详细地址（写到门牌号）。"
KNOWN_NOTE = "已使用您登记过的{items}，核对时可以修改。"
STEP_HELP = "这一步要填的是“{label}”，按提示回答就行，不清楚的可以先问我别的问题，再回复“继续”。"
CHOICES_NOT_READ = "没有认出是哪几项，请回复选项前面的数字，多个用逗号隔开，比如：1,3。"
OFFER_DECLINED = "好的，请直接输入{label}。"
HANDOFF_ANSWERED = "（您的问题也已转给工作人员，工单 {reference}，他们会在这里回复您。发送“结束人工”可回到智能助手。）"
NEARBY = ("离您最近的{item}办理地点：{name}（{address}），直线约{km}公里。\n"
          "办公时间：{hours}（示例值，以当地公布为准）。"
          "\n出发前可以先打电话确认，发送“咨询电话”查看电话。")
# A location far from every office (sent from out of town): the offices are named, not called near.
NEARBY_FAR_KM = 50
NEARBY_FAR = ("您发送的位置离本市的{item}办理地点都比较远（直线约{km}公里）。本市的办理地点之一：{name}（{address}），"
              "办公时间：{hours}（示例值，以当地公布为准）。\n如果您在外地，可以先打电话咨询，发送“咨询电话”查看电话。")
NEARBY_NEEDS_LOCATION = ("想找离您最近的办理地点，请先发送您的位置（点输入框旁的“+”，选“位置”），"
                         "发送后再问我一次就行。")
MATERIAL_RECEIVED = ("收到您的图片，已作为补充材料附到【{title}】（编号 {reference}），工作人员会尽快查看。"
                     "还有其他材料可以继续发照片；发送“我的申请”查看进度。")
