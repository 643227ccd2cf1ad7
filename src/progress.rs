//! Reading progress: how many of a chapter's quiz questions the reader has
//! answered, and how many right, from the answers the quizzes keep in
//! localStorage. Quiz keys carry no language (the same quiz id in both
//! translations), so progress follows the reader across languages.

use crate::block_context::BlockContext;
use crate::blocks::quiz::Answers;
use crate::content::ChapterSource;
use crate::directive::{Directive, Quiz};
use crate::lang::Lang;
use crate::markdown::Node;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// One quiz of a chapter and where its answers are stored.
#[derive(Clone, Debug, PartialEq)]
pub struct QuizSlot {
    pub key: String,
    pub quiz: Quiz,
}

/// The quizzes of a chapter in `lang` (whose text is `text`), with their
/// storage keys.
pub fn quizzes(chapter: &'static ChapterSource, lang: Lang, text: &str) -> Vec<QuizSlot> {
    let doc = crate::content::document(text, lang);
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
                ..
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

/// Chapters' quizzes by (chapter index, language).
type QuizCache = HashMap<(usize, Lang), Rc<Vec<QuizSlot>>>;

thread_local! {
    /// Parsed once per page load, from texts at hand.
    static QUIZZES: RefCell<QuizCache> = RefCell::new(HashMap::new());
}

/// Chapter `index`'s quizzes, if its text in `lang` or, failing that, in the
/// other language is at hand (the keys and answers are the same in both:
/// see the test below).
fn slots(lang: Lang, index: usize) -> Option<Rc<Vec<QuizSlot>>> {
    let c = crate::content::chapters().get(index)?;
    [lang, lang.other()].into_iter().find_map(|l| {
        if let Some(s) = QUIZZES.with(|q| q.borrow().get(&(index, l)).cloned()) {
            return Some(s);
        }
        let text = crate::content::cached(c, l)?;
        let s = Rc::new(quizzes(c, l, &text));
        QUIZZES.with(|q| q.borrow_mut().insert((index, l), s.clone()));
        Some(s)
    })
}

/// Fetches every chapter's text in `lang` (the contents page's tallies
/// need their quizzes); `Err` names the first that failed.
pub async fn load_all(lang: Lang) -> Result<(), crate::content::LoadError> {
    for c in crate::content::chapters() {
        if c.has(lang) {
            crate::content::load(c, lang).await?;
        }
    }
    Ok(())
}

/// The tally of chapter `index` from this browser's saved answers, once its
/// text has been loaded (see [`load_all`]).
pub fn chapter_tally(lang: Lang, index: usize) -> Option<Tally> {
    slots(lang, index).map(|s| tally(&s, crate::platform::load))
}

/// Forgets the saved answers of chapter `index`'s quizzes.
pub fn reset_chapter(lang: Lang, index: usize) {
    let Some(storage) = crate::platform::local_storage() else {
        return;
    };
    for slot in slots(lang, index).iter().flat_map(|s| s.iter()) {
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
            let zh: Vec<_> = quizzes(c, Lang::Zh, c.text(Lang::Zh).unwrap())
                .into_iter()
                .map(|q| (q.key, q.quiz.questions.len()))
                .collect();
            let en: Vec<_> = quizzes(c, Lang::En, c.text(Lang::En).unwrap())
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
        let slots = quizzes(c, Lang::En, c.text(Lang::En).unwrap());
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
