use crate::diagnostic::Message;
use crate::model::compact;
use crate::profile::RequiredElement;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// The elements the document's profile requires are present: the cover (designation or
    /// title), 前言, chapter 范围, and at least one core technical chapter after chapters 1–3 —
    /// a chapter of general principles or requirements (总则, 总体原则, 总体要求, 8.10) or an
    /// overview (概述, 9.3) alone is not one.
    ///
    /// ## Why
    /// GB/T 1.1-2020 6.2.2.3: “规范性要素中范围、术语和定义、核心技术要素是必备要素”; “资料性要素中的
    /// 封面、前言、规范性引用文件是必备要素”. Which chapter is the core technical element is read
    /// from the document's layout (the first chapter after 1 to 3). Internal specifications
    /// relax the cover (see `schemas/profiles`).
    ///
    /// ## Bad
    /// A draft that starts directly with `1 范围`.
    ///
    /// ## Good
    /// A `前言` with the drafting statement before `1 范围`.
    pub struct MissingRequiredElement {
        code: "ST002",
        name: "missing-required-element",
        family: Structure,
        severity: Error,
        clause: "6.2.2.3",
        summary: "前言, 范围 or a core technical element is missing",
    }
}

impl Rule for MissingRequiredElement {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let anchor = doc.chapters.first().map_or(Span::empty(0), |c| c.span);
        if ctx.profile.requires(RequiredElement::Cover) && doc.meta.designation.is_none() && doc.meta.title_zh.is_none()
        {
            ctx.report(
                Span::empty(0),
                Message::new(
                    "缺少封面：未找到文件编号或文件名称",
                    "the cover is missing: no designation and no title were found",
                ),
            );
        }
        if ctx.profile.requires(RequiredElement::Foreword) && doc.foreword.is_none() {
            ctx.report(anchor, Message::new("缺少必备要素“前言”", "the required element 前言 (foreword) is missing"));
        }
        if ctx.profile.requires(RequiredElement::Scope) && doc.scope().is_none() {
            ctx.report(
                anchor,
                Message::new("缺少必备要素“范围”（第1章）", "the required chapter 范围 (scope) is missing"),
            );
        }
        if ctx.profile.requires(RequiredElement::Core) && !doc.chapters.is_empty() {
            let has_core = doc.chapters.iter().any(|c| {
                let t = compact(c.title_text());
                // 8.10's general principles/requirements and 9.3's overview are elements of their
                // own, not the core technical element.
                !(t == "范围"
                    || t.ends_with("引用文件")
                    || t.starts_with("术语")
                    || t.contains("缩略语")
                    || t == "符号"
                    || matches!(t.as_str(), "总体原则" | "总则" | "原则" | "总体要求" | "概述" | "总体原则和总体要求"))
            });
            if !has_core {
                let end = doc.chapters.last().map_or(anchor, |c| c.span);
                ctx.report(
                    end,
                    Message::new(
                        "缺少核心技术要素：范围、规范性引用文件和术语和定义之后没有技术内容章",
                        "no core technical element: there is no technical chapter after scope, references and terms",
                    ),
                );
            }
        }
    }
}
