"""Chinese words editors type as field names, mapped to the English keys the schema uses."""

CHINESE_KEYS: dict[str, str] = {
    "编号": "id", "标识": "id", "标题": "title", "题目": "title", "名称": "name", "名字": "name",
    "品牌": "brand", "类型": "kind", "类别": "kind", "种类": "kind", "状态": "status", "地区": "region",
    "区域": "region", "地点": "region", "上级": "parent", "上级地区": "parent", "级别": "level",
    "层级": "level", "别名": "aliases", "简介": "summary", "摘要": "summary", "概述": "summary",
    "问题": "problem", "做法": "practices", "举措": "practices", "成效": "outcomes", "成果": "outcomes",
    "指标": "metrics", "数据": "metrics", "数字": "metrics", "阵地": "sites", "示范点": "sites",
    "方面": "aspects", "手册": "aspects", "相关": "related", "相关案例": "related", "标签": "tags",
    "关键词": "tags", "来源": "sources", "出处": "source", "年份": "year", "年度": "year", "时期": "period",
    "期间": "period", "时间": "period", "数值": "value", "值": "value", "单位": "unit", "限定词": "qualifier",
    "修饰": "qualifier", "引文": "quote", "原文": "quote", "说明": "description", "描述": "description",
    "发布单位": "publisher", "发文单位": "publisher", "出版": "publisher", "文号": "doc_number",
    "日期": "date", "作者": "authors", "记者": "authors", "备注": "note", "主办单位": "host",
    "依托单位": "host", "单位类型": "host_type", "荣誉": "honours", "案例": "cases", "定义": "definition",
    "释义": "definition", "术语": "term", "词条": "term", "由来": "origin", "参见": "see_also",
    "要求": "requirements", "流程": "procedure", "步骤": "procedure", "清单": "checklist",
    "表格": "forms", "制度": "rules", "依据": "rules", "常见错误": "mistakes", "频次": "frequency",
    "序号": "number", "对象": "audience", "学员": "audience", "学时": "hours", "课时": "lessons",
    "形式": "format", "目标": "objectives", "阅读": "readings", "讨论题": "questions", "模块": "modules",
    "等级": "levels", "考核": "assessment", "前置课程": "prerequisites", "必修": "required",
    "组织类型": "org_types", "发布机关": "issuer", "维度": "dimensions", "变体": "variants",
}
