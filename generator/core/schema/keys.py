"""Chinese words editors type as field names that many kinds share, mapped to the English keys
the schema uses; each kind's own words are in its ``KindSpec.chinese_keys``."""

COMMON_KEYS: dict[str, str] = {
    "编号": "id", "标识": "id", "标题": "title", "题目": "title", "名称": "name", "名字": "name", "类型": "kind",
    "类别": "kind", "种类": "kind", "地区": "region", "区域": "region", "地点": "region", "级别": "level",
    "层级": "level", "别名": "aliases", "简介": "summary", "摘要": "summary", "概述": "summary",
    "指标": "metrics", "数据": "metrics", "数字": "metrics", "阵地": "sites", "示范点": "sites",
    "方面": "aspects", "手册": "aspects", "相关": "related", "相关案例": "related", "来源": "sources",
    "出处": "source", "年份": "year", "年度": "year", "数值": "value", "值": "value", "说明": "description",
    "描述": "description", "备注": "note", "案例": "cases", "参见": "see_also", "要求": "requirements",
    "对象": "audience", "学员": "audience", "题型": "kind", "条款": "article", "条文": "article",
    "要点": "point", "俗称": "colloquial", "口语": "colloquial", "常见说法": "colloquial", "搜索词": "colloquial",
}
