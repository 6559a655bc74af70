/// Declares a rule's unit struct and its [`RuleMeta`](crate::rules::RuleMeta); the doc comment
/// becomes the text `normlint rule CODE` prints, as in ruff.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            code: $code:literal,
            name: $rname:literal,
            family: $family:ident,
            severity: $sev:ident,
            clause: $clause:literal,
            summary: $summary:literal,
            $(repeats: $repeats:ident $(,)?)?
            $(fixable: $fixable:literal $(,)?)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: $code,
                name: $rname,
                family: $crate::rules::Family::$family,
                severity: $crate::diagnostic::Severity::$sev,
                clause: $clause,
                summary: $summary,
                doc: concat!($($doc, "\n"),*),
                repeats: declare_rule!(@repeats $($repeats)?),
                fixable: declare_rule!(@fixable $($fixable)?),
            };
        }
    };
    (@repeats) => {
        $crate::rules::Repeats::Each
    };
    (@repeats $repeats:ident) => {
        $crate::rules::Repeats::$repeats
    };
    (@fixable) => {
        false
    };
    (@fixable $fixable:literal) => {
        $fixable
    };
}
