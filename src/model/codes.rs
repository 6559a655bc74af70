//! Code lists shared by the designation and cover rules: province-level administrative division
//! codes (GB/T 2260, first two digits) with their names, and the few city codes the messages name.

/// `(code, full name, short name)` of every province-level division (GB/T 2260).
pub(crate) const PROVINCES: &[(&str, &str, &str)] = &[
    ("11", "北京市", "北京"),
    ("12", "天津市", "天津"),
    ("13", "河北省", "河北"),
    ("14", "山西省", "山西"),
    ("15", "内蒙古自治区", "内蒙古"),
    ("21", "辽宁省", "辽宁"),
    ("22", "吉林省", "吉林"),
    ("23", "黑龙江省", "黑龙江"),
    ("31", "上海市", "上海"),
    ("32", "江苏省", "江苏"),
    ("33", "浙江省", "浙江"),
    ("34", "安徽省", "安徽"),
    ("35", "福建省", "福建"),
    ("36", "江西省", "江西"),
    ("37", "山东省", "山东"),
    ("41", "河南省", "河南"),
    ("42", "湖北省", "湖北"),
    ("43", "湖南省", "湖南"),
    ("44", "广东省", "广东"),
    ("45", "广西壮族自治区", "广西"),
    ("46", "海南省", "海南"),
    ("50", "重庆市", "重庆"),
    ("51", "四川省", "四川"),
    ("52", "贵州省", "贵州"),
    ("53", "云南省", "云南"),
    ("54", "西藏自治区", "西藏"),
    ("61", "陕西省", "陕西"),
    ("62", "甘肃省", "甘肃"),
    ("63", "青海省", "青海"),
    ("64", "宁夏回族自治区", "宁夏"),
    ("65", "新疆维吾尔自治区", "新疆"),
    ("71", "台湾省", "台湾"),
    ("81", "香港特别行政区", "香港"),
    ("82", "澳门特别行政区", "澳门"),
];

/// City-level codes seen in local designations, with the city's name (not a full list: a city
/// not named here is still accepted, only not named in messages).
pub(crate) const CITIES: &[(&str, &str)] = &[
    ("3301", "杭州市"),
    ("3302", "宁波市"),
    ("4401", "广州市"),
    ("4403", "深圳市"),
    ("4404", "珠海市"),
    ("4406", "佛山市"),
    ("4419", "东莞市"),
    ("4420", "中山市"),
    ("3201", "南京市"),
    ("3205", "苏州市"),
    ("3702", "青岛市"),
    ("4201", "武汉市"),
    ("5101", "成都市"),
    ("6101", "西安市"),
];

/// The province of a division code (`44`, `4403`).
pub(crate) fn province(division: &str) -> Option<(&'static str, &'static str)> {
    let head = division.get(..2)?;
    PROVINCES.iter().find(|(code, _, _)| *code == head).map(|(_, full, short)| (*full, *short))
}

/// The city of a four-digit division code, when it is one of [`CITIES`].
pub(crate) fn city(division: &str) -> Option<&'static str> {
    CITIES.iter().find(|(code, _)| *code == division).map(|(_, name)| *name)
}

/// The division code of a local designation's code (`DB4403/T` → `4403`).
pub(crate) fn division_of(code: &str) -> Option<&str> {
    let rest = code.strip_prefix("DB")?;
    let digits = rest.split(['/', '／']).next().unwrap_or(rest);
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// Removes a trailing stage marker from a title: `（征求意见稿）`, `(送审稿)`, `（草案）`.
pub(crate) fn without_stage(title: &str) -> &str {
    let trimmed = title.trim_end();
    for marker in ["征求意见稿", "送审稿", "报批稿", "草案", "讨论稿", "草稿", "Draft", "draft"] {
        for (open, close) in [('（', '）'), ('(', ')')] {
            if let Some(inner) = trimmed.strip_suffix(close) {
                if let Some(at) = inner.rfind(open) {
                    if inner.get(at..).is_some_and(|s| s.contains(marker)) {
                        return inner.get(..at).unwrap_or(trimmed).trim_end();
                    }
                }
            }
        }
    }
    trimmed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(province("4403").map(|p| p.0), Some("广东省"));
        assert_eq!(city("4403"), Some("深圳市"));
        assert_eq!(province("99"), None);
        assert_eq!(division_of("DB4403/T"), Some("4403"));
        assert_eq!(without_stage("居家养老上门服务规范（征求意见稿）"), "居家养老上门服务规范");
        assert_eq!(without_stage("服务规范（第2版）"), "服务规范（第2版）");
    }
}
