//! Reading progress: how many of a chapter's quiz questions the reader has
//! answered, and how many right, from the answers the quizzes keep in
//! localStorage, and how many of its exercises the page's check has passed.
//! Keys carry no language (the same quiz and exercise ids in both
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

/// What a chapter asks of the reader: its quizzes, and the keys under
/// which its exercises record that they were solved.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Slots {
    pub quizzes: Vec<QuizSlot>,
    pub exercises: Vec<String>,
}

/// The key under which exercise `id` of `chapter` is marked solved.
pub fn solved_key(chapter: &str, id: &str) -> String {
    format!("golab.exercise.{chapter}.{id}")
}

/// The value stored under a [`solved_key`].
pub const SOLVED: &str = "solved";

/// The quizzes and exercises of a chapter in `lang` (whose text is `text`),
/// with their storage keys.
pub fn slots_of(chapter: &'static ChapterSource, lang: Lang, text: &str) -> Slots {
    let doc = crate::content::document(text, lang);
    let ctx = BlockContext::for_chapter(chapter, lang);
    let mut out = Slots::default();
    collect(&doc.nodes, &ctx, &mut out);
    out
}

/// The quizzes of a chapter in `lang`, with their storage keys.
pub fn quizzes(chapter: &'static ChapterSource, lang: Lang, text: &str) -> Vec<QuizSlot> {
    slots_of(chapter, lang, text).quizzes
}

fn collect(nodes: &[Node], ctx: &BlockContext, out: &mut Slots) {
    for n in nodes {
        match n {
            Node::Directive {
                directive: Directive::Quiz(quiz),
                line,
                index,
                ..
            } => out.quizzes.push(QuizSlot {
                key: ctx
                    .at(*line, *index)
                    .storage_key("quiz", quiz.id.as_deref()),
                quiz: quiz.clone(),
            }),
            Node::Directive {
                directive: Directive::Exercise(e),
                ..
            } => out.exercises.push(solved_key(ctx.chapter, &e.id)),
            Node::Element(e) => collect(&e.children, ctx, out),
            _ => {}
        }
    }
}

/// Chapters' quizzes and exercises by (chapter index, language).
type QuizCache = HashMap<(usize, Lang), Rc<Slots>>;

thread_local! {
    /// Parsed once per page load, from texts at hand.
    static QUIZZES: RefCell<QuizCache> = RefCell::new(HashMap::new());
}

/// Chapter `index`'s quizzes, if its text in `lang` or, failing that, in the
/// other language is at hand (the keys and answers are the same in both:
/// see the test below).
fn slots(lang: Lang, index: usize) -> Option<Rc<Slots>> {
    let c = crate::content::chapters().get(index)?;
    [lang, lang.other()].into_iter().find_map(|l| {
        if let Some(s) = QUIZZES.with(|q| q.borrow().get(&(index, l)).cloned()) {
            return Some(s);
        }
        let text = crate::content::cached(c, l)?;
        let s = Rc::new(slots_of(c, l, &text));
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

/// Forgets the saved answers of chapter `index`'s quizzes and which of its
/// exercises were solved (the reader's code stays).
pub fn reset_chapter(lang: Lang, index: usize) {
    let Some(storage) = crate::platform::local_storage() else {
        return;
    };
    for s in slots(lang, index).iter() {
        for slot in &s.quizzes {
            let _ = storage.remove_item(&slot.key);
        }
        for key in &s.exercises {
            let _ = storage.remove_item(key);
        }
    }
}

/// A chapter's tally.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub questions: usize,
    pub answered: usize,
    pub right: usize,
    pub exercises: usize,
    pub solved: usize,
}

impl Tally {
    pub fn complete(&self) -> bool {
        self.questions > 0 && self.answered == self.questions
    }
}

/// Tallies a chapter's quizzes and exercises given a way to read what is
/// saved by key.
pub fn tally(slots: &Slots, saved: impl Fn(&str) -> Option<String>) -> Tally {
    let mut t = Tally {
        exercises: slots.exercises.len(),
        ..Tally::default()
    };
    t.solved = slots
        .exercises
        .iter()
        .filter(|k| saved(k).as_deref() == Some(SOLVED))
        .count();
    for slot in &slots.quizzes {
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

    /// Reference pages, which teach nothing to check.
    const APPENDICES: [&str; 2] = ["what-go-runs-here", "cheat-sheet"];

    #[test]
    fn every_chapter_has_five_questions_and_an_exercise_with_the_same_keys_in_both_languages() {
        let mut teaching = 0;
        for c in chapters() {
            let of = |lang| {
                let s = slots_of(c, lang, c.text(lang).unwrap());
                let q: Vec<_> = s
                    .quizzes
                    .into_iter()
                    .map(|q| (q.key, q.quiz.questions.len()))
                    .collect();
                (q, s.exercises)
            };
            let (zh, en) = (of(Lang::Zh), of(Lang::En));
            assert_eq!(
                zh, en,
                "{}: quizzes or exercises differ between languages",
                c.slug
            );
            if APPENDICES.contains(&c.slug) {
                continue;
            }
            teaching += 1;
            let questions: usize = zh.0.iter().map(|(_, n)| n).sum();
            assert!(
                questions >= 5,
                "{} has {questions} quiz questions, fewer than 5",
                c.slug
            );
            assert!(!zh.1.is_empty(), "{} has no exercise", c.slug);
        }
        assert!(teaching >= 8, "{teaching} teaching chapters");
    }

    #[test]
    fn exercise_ids_are_unique_in_the_book() {
        let mut seen = std::collections::HashSet::new();
        for c in chapters() {
            for key in slots_of(c, Lang::Zh, c.text(Lang::Zh).unwrap()).exercises {
                assert!(seen.insert(key.clone()), "{key} twice");
            }
        }
    }

    #[test]
    fn tally_counts_checked_and_right_answers() {
        let c = &chapters()[0];
        let all = slots_of(c, Lang::En, c.text(Lang::En).unwrap());
        let slots = &all.quizzes;
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
        let mut store: HashMap<String, String> = [(first.key.clone(), answers.encode())].into();
        assert!(!all.exercises.is_empty(), "{} has no exercise", c.slug);
        store.insert(all.exercises[0].clone(), SOLVED.to_string());
        let t = tally(&all, |k| store.get(k).cloned());
        assert_eq!((t.exercises, t.solved), (all.exercises.len(), 1));
        let total: usize = slots.iter().map(|s| s.quiz.questions.len()).sum();
        assert_eq!(t.questions, total);
        assert_eq!(t.right, 1);
        assert_eq!(
            t.answered,
            if first.quiz.questions.len() > 1 { 2 } else { 1 }
        );
        assert_eq!(
            tally(&all, |_| None),
            Tally {
                questions: total,
                exercises: all.exercises.len(),
                ..Tally::default()
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
    let exercises = (t.exercises > 0).then(|| {
        let label = match props.lang {
            Lang::Zh => format!("已完成 {} 道练习，共 {} 道", t.solved, t.exercises),
            Lang::En => format!("{} of {} exercises solved", t.solved, t.exercises),
        };
        let class = yew::classes!(
            "progress-badge",
            "exercises",
            (t.solved == t.exercises).then_some("complete"),
            (t.solved == 0).then_some("empty")
        );
        let word = match props.lang {
            Lang::Zh => "练习",
            Lang::En => "ex.",
        };
        html! {
            <span {class} title={label.clone()} aria-label={label}>
                { format!("{word} {}/{}", t.solved, t.exercises) }
            </span>
        }
    });
    html! {
        <>
            <span {class} title={label.clone()} aria-label={label}>
                { format!("{}/{}", t.answered, t.questions) }
                if t.complete() { { " ✓" } }
            </span>
            { for exercises }
        </>
    }
}
