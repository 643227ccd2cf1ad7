//! Reading progress: how many of a chapter's quiz questions the reader has
//! answered, and how many right, from the answers the quizzes keep in
//! localStorage. Quiz keys carry no language (the same quiz id in both
//! translations), so progress follows the reader across languages.

use crate::blocks::quiz::Answers;
use crate::blocks::BlockContext;
use crate::content::{ChapterSource, Lang};
use crate::directive::{Directive, Quiz};
use crate::markdown::{self, LinkContext, Node};

/// One quiz of a chapter and where its answers are stored.
#[derive(Clone, Debug, PartialEq)]
pub struct QuizSlot {
    pub key: String,
    pub quiz: Quiz,
}

/// The quizzes of a chapter in `lang`, with their storage keys.
pub fn quizzes(chapter: &'static ChapterSource, lang: Lang) -> Vec<QuizSlot> {
    let Some(text) = chapter.text(lang) else {
        return Vec::new();
    };
    let doc = markdown::parse(text, &LinkContext { lang: lang.code() });
    let ctx = BlockContext::for_chapter(chapter, lang);
    let mut out = Vec::new();
    collect(&doc.nodes, &ctx, &mut out);
    out
}

fn collect(nodes: &[Node], ctx: &BlockContext, out: &mut Vec<QuizSlot>) {
    for n in nodes {
        match n {
            Node::Directive {
                directive: Directive::Quiz(quiz),
                line,
                index,
            } => out.push(QuizSlot {
                key: ctx
                    .at(*line, *index)
                    .storage_key("quiz", quiz.id.as_deref()),
                quiz: quiz.clone(),
            }),
            Node::Element(e) => collect(&e.children, ctx, out),
            _ => {}
        }
    }
}

/// Every chapter's quizzes in `lang`, parsed once per page load.
pub fn all_quizzes(lang: Lang) -> &'static [Vec<QuizSlot>] {
    use std::sync::OnceLock;
    static ZH: OnceLock<Vec<Vec<QuizSlot>>> = OnceLock::new();
    static EN: OnceLock<Vec<Vec<QuizSlot>>> = OnceLock::new();
    let cell = match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    };
    cell.get_or_init(|| {
        crate::content::chapters()
            .iter()
            .map(|c| quizzes(c, lang))
            .collect()
    })
}

/// The tally of chapter `index` from this browser's saved answers.
pub fn chapter_tally(lang: Lang, index: usize) -> Tally {
    all_quizzes(lang)
        .get(index)
        .map(|slots| tally(slots, crate::platform::load))
        .unwrap_or_default()
}

/// Forgets the saved answers of chapter `index`'s quizzes.
pub fn reset_chapter(lang: Lang, index: usize) {
    let Some(storage) = crate::platform::local_storage() else {
        return;
    };
    for slot in all_quizzes(lang).get(index).into_iter().flatten() {
        let _ = storage.remove_item(&slot.key);
    }
}

/// A chapter's tally.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub questions: usize,
    pub answered: usize,
    pub right: usize,
}

impl Tally {
    pub fn complete(&self) -> bool {
        self.questions > 0 && self.answered == self.questions
    }
}

/// Tallies `quizzes` given a way to read saved answers by key.
pub fn tally(quizzes: &[QuizSlot], saved: impl Fn(&str) -> Option<String>) -> Tally {
    let mut t = Tally::default();
    for slot in quizzes {
        t.questions += slot.quiz.questions.len();
        let Some(text) = saved(&slot.key) else {
            continue;
        };
        let answers = Answers::decode(&text, &slot.quiz);
        for (i, q) in slot.quiz.questions.iter().enumerate() {
            if answers.checked[i] {
                t.answered += 1;
                if answers.is_right(i, q) {
                    t.right += 1;
                }
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::chapters;
    use std::collections::HashMap;

    #[test]
    fn every_chapter_has_quizzes_with_the_same_keys_in_both_languages() {
        for c in chapters() {
            let zh: Vec<_> = quizzes(c, Lang::Zh)
                .into_iter()
                .map(|q| (q.key, q.quiz.questions.len()))
                .collect();
            let en: Vec<_> = quizzes(c, Lang::En)
                .into_iter()
                .map(|q| (q.key, q.quiz.questions.len()))
                .collect();
            assert!(!zh.is_empty(), "{} has no quiz", c.slug);
            assert_eq!(zh, en, "{}: the quizzes differ between languages", c.slug);
        }
    }

    #[test]
    fn tally_counts_checked_and_right_answers() {
        let c = &chapters()[0];
        let slots = quizzes(c, Lang::En);
        let first = &slots[0];
        let mut answers = Answers::decode("", &first.quiz);
        // Answer question 0 right and, when there is one, question 1 wrong.
        for (i, choice) in first.quiz.questions[0].choices.iter().enumerate() {
            answers.selected[0][i] = choice.correct;
        }
        answers.checked[0] = true;
        if first.quiz.questions.len() > 1 {
            let wrong = first.quiz.questions[1]
                .choices
                .iter()
                .position(|c| !c.correct)
                .unwrap();
            answers.selected[1][wrong] = true;
            answers.checked[1] = true;
        }
        let store: HashMap<String, String> = [(first.key.clone(), answers.encode())].into();
        let t = tally(&slots, |k| store.get(k).cloned());
        let total: usize = slots.iter().map(|s| s.quiz.questions.len()).sum();
        assert_eq!(t.questions, total);
        assert_eq!(t.right, 1);
        assert_eq!(
            t.answered,
            if first.quiz.questions.len() > 1 { 2 } else { 1 }
        );
        assert_eq!(
            tally(&slots, |_| None),
            Tally {
                questions: total,
                answered: 0,
                right: 0
            }
        );
    }
}

#[derive(yew::Properties, PartialEq)]
pub struct BadgeProps {
    pub lang: Lang,
    pub tally: Tally,
}

/// `3/5 ✓`: questions answered of the chapter's total; the full sentence is
/// its accessible label.
#[yew::function_component(Badge)]
pub fn badge(props: &BadgeProps) -> yew::Html {
    use yew::html;
    let t = props.tally;
    let [a, b, c] = crate::content::strings(props.lang).progress_parts;
    let label = match props.lang {
        Lang::Zh => format!("{a}{}{b}{}{c}{}", t.answered, t.right, t.questions),
        Lang::En => format!("{}{a}{}{b}{}{c}", t.answered, t.right, t.questions),
    };
    let class = yew::classes!(
        "progress-badge",
        t.complete().then_some("complete"),
        (t.answered == 0).then_some("empty")
    );
    html! {
        <span {class} title={label.clone()} aria-label={label}>
            { format!("{}/{}", t.answered, t.questions) }
            if t.complete() { { " ✓" } }
        </span>
    }
}
