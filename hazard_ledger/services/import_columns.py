"""The column headers the imports recognise, in one table: every name seen in county and
township sheets for each field (docs/excel-import.md lists them).

Headers are compared after folding full-width forms, spaces, colons and required-marks (*), and
a header with a note in brackets also matches without it: 整改资金（元）, 发现日期(年月日).
Within a field, earlier names win when a sheet has two of them (联系电话 before 电话).
"""

from hazard_ledger.services.table_file import Column


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


VILLAGE = _names("村(社区) 村（社区） 村社区 所在村 社区 所在村(社区) 所属村(社区) 村居")
ADDRESS = _names("地址 单位地址 详细地址 经营地址 所在地址")
CREDIT_CODE = _names("统一社会信用代码 社会信用代码 信用代码")
INDUSTRY = _names("行业领域 行业 所属行业 行业类别")

UNIT_COLUMNS = (
    Column(
        "name",
        "单位名称",
        _names("单位名称 单位 企业名称 场所名称 单位(场所)名称 生产经营单位 名称"),
        required=True,
    ),
    Column("credit_code", "统一社会信用代码", CREDIT_CODE),
    Column("industry", "行业领域", INDUSTRY),
    Column("village", "村(社区)", VILLAGE),
    Column("address", "地址", ADDRESS),
    Column("contact", "联系人", _names("联系人 负责人 单位负责人 单位联系人 安全负责人")),
    Column("phone", "联系电话", _names("联系电话 电话 手机 手机号码 联系方式")),
)

HAZARD_COLUMNS = (
    Column("original_code", "隐患编号", _names("隐患编号 编号 隐患编码 台账编号")),
    Column(
        "unit",
        "单位名称",
        _names("单位名称 被检查单位 单位 被检查单位名称 企业名称 场所名称 单位(场所)名称")
        + _names("检查对象 生产经营单位"),
        required=True,
    ),
    Column("credit_code", "统一社会信用代码", CREDIT_CODE),
    Column("village", "村(社区)", VILLAGE),
    Column("address", "地址", ADDRESS),
    Column("unit_contact", "联系人", _names("联系人 单位联系人 单位负责人")),
    Column("location", "部位", _names("部位 地址/部位 隐患部位 具体部位 隐患位置 位置")),
    Column("industry", "行业领域", INDUSTRY),
    Column("category", "隐患类别", _names("隐患类别 隐患类型 类别 隐患分类")),
    Column(
        "description",
        "隐患描述",
        _names("隐患描述 隐患内容 存在问题 隐患情况 问题描述 存在的问题 存在隐患 隐患问题")
        + _names("主要隐患 隐患"),
        required=True,
    ),
    Column("basis", "依据", _names("依据 法律依据 判定依据 检查依据 整改依据")),
    Column("level", "隐患等级", _names("隐患等级 隐患级别 等级 级别 是否重大隐患")),
    Column("source", "隐患来源", _names("隐患来源 来源 发现方式 检查方式 检查类型")),
    Column(
        "found_on",
        "发现日期",
        _names("发现日期 发现时间 检查日期 检查时间 排查日期 排查时间 登记日期"),
        required=True,
    ),
    Column("inspector", "检查人", _names("检查人 检查人员 排查人 检查人员姓名")),
    Column("responsible", "整改责任人", _names("整改责任人 责任人 整改负责人 负责人")),
    Column(
        "responsible_phone",
        "联系电话",
        _names("联系电话 责任人电话 责任人联系电话 电话 手机 联系方式"),
    ),
    Column("requirement", "整改要求", _names("整改要求 整改意见")),
    Column(
        "deadline",
        "整改期限",
        _names("整改期限 整改时限 限改日期 限期整改日期 整改截止日期 要求整改日期 限期"),
    ),
    Column("notice_no", "通知书文号", _names("通知书文号 通知书编号 文书编号 文号")),
    Column("assigned_on", "交办日期", _names("交办日期 下达日期 通知书下达日期 送达日期")),
    Column("measures", "整改措施", _names("整改措施 整改情况 整改内容 已采取措施")),
    Column("funds", "整改资金(元)", _names("整改资金(元) 整改资金 整改金额 投入资金")),
    Column(
        "rectified_on",
        "整改完成日期",
        _names("整改完成日期 完成时间 整改完成时间 完成日期 实际完成日期 整改日期"),
    ),
    Column("verified_by", "复查人", _names("复查人 复查人员 验收人")),
    Column("verified_on", "复查日期", _names("复查日期 复查时间 验收日期 验收时间")),
    Column("verification_result", "复查结论", _names("复查结论 复查结果 验收结论 验收结果")),
    Column("verification_opinion", "复查意见", _names("复查意见 验收意见")),
    Column(
        "status",
        "状态",
        _names("状态 整改状态 隐患状态 是否整改 处理状态 是否闭环 办理状态"),
    ),
    Column("void_reason", "作废原因", ("作废原因",)),
    Column("remarks", "备注", ("备注",)),
)
