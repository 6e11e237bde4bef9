"""Sample 常用语 for `flask seed`: the bureau's wording for every use, for admins to edit.

Each use gets its samples once. Which uses were given them is kept in the
`phrases.samples` setting, so a sample an admin deleted (or a use they emptied)
does not come back on the next `flask seed`; a use added to phrases.uses later
gets its own samples on the seed after that.
"""
from __future__ import annotations

from core.extensions import db
from core.settings import get_setting, set_setting
from phrases.models import Phrase
from phrases.queries import group
from phrases.uses import USES

SEEDED_KEY = "phrases.samples"
ACTOR = "system"

# (title shown in the select, text inserted), per use, in the order offered.
SAMPLES: dict[str, list[tuple[str, str]]] = {
    "ticket.reply": [
        ("已收到，正在核实", "您好，您反映的情况我们已经收到，正在核实办理，有结果后会第一时间在这里回复您。"),
        ("请补充情况", "您好，为了尽快帮您办理，请补充说明您所在的社区（村）、具体情况和方便联系的时间。"),
        ("需到窗口办理", "您好，这项业务需要本人携带身份证、户口簿到户籍所在地街道（乡镇）便民服务中心民政窗口办理，"
                      "办理时间以窗口公示为准。"),
        ("已转社区跟进", "您好，您的诉求已转交所在社区居委会，社区工作人员会尽快与您联系，请保持电话畅通。"),
        ("不属民政职责", "您好，您反映的事项不属于民政部门职责，建议拨打 12345 政务服务便民热线咨询。"),
        ("结束语", "感谢您的反馈。如还有其他问题，可以随时在这里留言，我们会及时回复。"),
    ],
    # A close note is staff's record of how a ticket ended; the resident reads the replies.
    "ticket.close": [
        ("已答复，问题已解决", "已在工单中答复居民，居民表示问题已解决。"),
        ("已电话联系", "已电话联系居民，当面说明了办理要求。"),
        ("居民未再回复", "已答复居民，居民超过 24 小时未再回复，结束工单。"),
        ("已转相关部门", "诉求已转交相关部门办理，结束工单。"),
        ("重复工单", "与居民的另一工单重复，在另一工单中继续处理。"),
    ],
    "application.approved": [
        ("初审通过，请到窗口", "您的预申请已通过初审。请按预约时间携带身份证、户口簿原件和申请材料到街道（乡镇）"
                          "便民服务中心办理，最终结果以审批为准。"),
        ("初审通过，待入户调查", "您的预申请已通过初审，社区工作人员将与您联系安排入户调查，请保持电话畅通。"),
    ],
    "application.need_info": [
        ("补收入证明", "请补充家庭成员近 6 个月的收入证明（工资流水或单位出具的收入证明），可以拍照在对话中上传。"),
        ("补户口簿", "请补充户口簿首页和家庭成员页的照片，确保文字清晰完整。"),
        ("补医疗票据", "请补充近一年的医疗费用票据和诊断证明，用于核算医疗支出。"),
        ("补残疾人证", "请补充残疾人证的照片（含残疾类别和等级页）。"),
        ("身份证照片不清", "您上传的身份证照片不够清晰，请重新拍摄正反面上传，注意避免反光和遮挡。"),
    ],
    "application.rejected": [
        ("收入高于标准", "经核查，您家庭人均月收入高于本地保障标准，暂不符合申请条件。如家庭情况发生变化，可以重新申请。"),
        ("户籍不在本辖区", "这项业务需要在户籍所在地申请，您的户籍不在本辖区，请到户籍所在地街道（乡镇）办理。"),
        ("重复申请", "您已提交过这项申请，目前正在办理中，本次申请不再重复受理。"),
        ("材料与实际不符", "经核查，申请材料与实际情况不符，本次不予通过。如有异议，可以携带相关证明到窗口咨询。"),
    ],
    "volunteer.rejected": [
        ("信息不完整", "您的志愿者注册信息不完整，请补充联系电话和可服务时间后重新提交。"),
        ("年龄不符合", "您填写的年龄不符合本次志愿服务的要求，感谢您的热心，欢迎关注其他志愿服务项目。"),
        ("请到社区登记", "请携带身份证到所在社区居委会现场登记，核实身份后即可加入志愿者队伍。"),
    ],
    "appointment.cancel": [
        ("窗口临时停办", "因窗口临时停办，本时段的预约取消，请重新预约其他时间，给您带来不便，敬请谅解。"),
        ("材料未通过预审", "您的申请材料未通过预审，到场也无法办理，本次预约取消。请按通知补齐材料后重新预约。"),
        ("居民来电取消", "根据您来电的要求，本次预约已取消。"),
        ("重复预约", "您已预约了同一事项的其他时间，本次重复的预约取消。"),
    ],
    "order.reject": [
        ("不在服务目录", "您申请的服务不在本平台的居家养老服务目录内，建议拨打 12345 政务服务便民热线咨询。"),
        ("无法联系确认", "多次联系未能确认服务地址和时间，本次点单未通过。如仍需服务，请重新提交并留下能接通的电话。"),
        ("重复点单", "您已提交过相同的服务需求，正在办理中，本单不再重复受理。"),
    ],
    "order.reassign": [
        ("原组织无法按时上门", "原服务组织近期人手不足，无法按时上门，改派其他服务组织。"),
        ("改派更近的组织", "改派离居民更近的服务组织，便于尽快上门。"),
    ],
    "order.reopen": [
        ("回访未解决", "回访中居民反映问题未解决，重新派单处理。"),
        ("居民不满意", "居民对本次服务不满意，重新派单，请服务组织改进。"),
    ],
    "order.close_admin": [
        ("重复提交", "与已有订单重复，合并办理，本单关闭。"),
        ("不属民政服务", "该诉求不属于民政服务范围，已告知居民咨询相关部门，本单关闭。"),
        ("已转介", "已转介相关部门办理，本单关闭。"),
        ("居民已自行解决", "经电话回访，居民表示问题已自行解决，本单关闭。"),
    ],
    "order.cancel": [
        ("居民要求取消", "居民来电要求取消本次服务。"),
        ("联系不上居民", "多次电话联系居民未接通，无法确认服务，取消本单。"),
    ],
    "order.follow_up": [
        ("已致歉，居民理解", "已电话回访居民，说明了情况并致歉，居民表示理解。"),
        ("意见已转服务组织", "已电话回访居民，并将居民意见转告服务组织，要求整改后回复。"),
        ("居民要求重新服务", "已电话回访，居民希望重新上门服务，已重新派单。"),
    ],
    "order.decline": [
        ("不在服务区域", "服务地址不在本组织的服务区域内，无法承接。"),
        ("人手不足", "本组织近期人手不足，无法在时限内上门服务。"),
        ("不在服务类别", "该服务不在本组织的服务类别内。"),
    ],
    "order.complete": [
        ("按需完成", "已按居民需求上门完成服务，居民当场确认。"),
        ("餐食送达", "餐食已按时送达，居民已签收。"),
        ("陪同就医", "已陪同老人完成就医，取药后送回家中。"),
    ],
    "order.cannot_complete": [
        ("上门无人", "按约定时间上门，家中无人，电话未接通。"),
        ("需专业维修", "现场查看后需要有专业资质的人员维修，超出本组织的服务能力，建议改派。"),
        ("居民暂不需要", "上门后居民表示暂不需要服务。"),
    ],
}


def seed_phrases() -> str:
    """The bureau's sample phrases, for each use that never had them; staff edits are kept."""
    seeded = set(get_setting(SEEDED_KEY, []) or [])
    added = 0
    for use, samples in SAMPLES.items():
        if use in seeded or use not in USES:
            continue
        # A bureau that wrote its own before samples existed keeps exactly those.
        if not group(use, None):
            for position, (title, text) in enumerate(samples):
                db.session.add(Phrase(use=use, title=title, text=text, position=position,
                                      updated_by=ACTOR))
                added += 1
        seeded.add(use)
    set_setting(SEEDED_KEY, sorted(seeded))
    db.session.flush()
    return f"常用语：新增 {added} 条示例。"
