//! A ` ```quiz ` block: questions whose every choice is explained after the
//! reader answers. Answers persist in localStorage per chapter and quiz id.
//!
//! Each reader sees the choices in their own order (a permutation drawn
//! from a number kept in their browser), so a right answer's place in the
//! source teaches nothing; answers are stored by the source's order, so the
//! saved answers and the progress tallies do not depend on it.

use crate::block_context::BlockContext;
use crate::directive::{Question, Quiz};
use crate::lang::Lang;
use crate::markdown::Node;
use crate::platform;
use crate::view;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub quiz: Quiz,
    pub ctx: BlockContext,
}

/// What the reader has chosen and which questions they have checked.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Answers {
    pub selected: Vec<Vec<bool>>,
    pub checked: Vec<bool>,
    /// The reader asked for the answer after a wrong try.
    pub revealed: Vec<bool>,
}

impl Answers {
    fn empty(quiz: &Quiz) -> Answers {
        Answers {
            selected: quiz
                .questions
                .iter()
                .map(|q| vec![false; q.choices.len()])
                .collect(),
            checked: vec![false; quiz.questions.len()],
            revealed: vec![false; quiz.questions.len()],
        }
    }

    /// `"1,0,0!;0,1;"`: per question, the choices (1 = selected), `!` once
    /// checked, then `*` once the answer was revealed.
    pub fn encode(&self) -> String {
        let mut s = String::new();
        for (i, sel) in self.selected.iter().enumerate() {
            let bits: Vec<&str> = sel.iter().map(|b| if *b { "1" } else { "0" }).collect();
            s.push_str(&bits.join(","));
            if self.checked[i] {
                s.push('!');
            }
            if self.revealed[i] {
                s.push('*');
            }
            s.push(';');
        }
        s
    }

    /// Decodes saved answers; anything that no longer fits the quiz (the
    /// author changed it) falls back to an empty answer for that question.
    pub fn decode(s: &str, quiz: &Quiz) -> Answers {
        let mut a = Answers::empty(quiz);
        for (i, part) in s.split(';').enumerate().take(quiz.questions.len()) {
            let (part, revealed) = match part.strip_suffix('*') {
                Some(p) => (p, true),
                None => (part, false),
            };
            let (bits, checked) = match part.strip_suffix('!') {
                Some(b) => (b, true),
                None => (part, false),
            };
            let sel: Vec<bool> = bits.split(',').map(|b| b == "1").collect();
            if sel.len() == a.selected[i].len() {
                a.selected[i] = sel;
                a.checked[i] = checked;
                a.revealed[i] = checked && revealed;
            }
        }
        a
    }

    /// A question is answered right when exactly the right choices are selected.
    pub fn is_right(&self, i: usize, q: &Question) -> bool {
        q.choices
            .iter()
            .zip(&self.selected[i])
            .all(|(c, s)| c.correct == *s)
    }
}

/// This browser's reader: a random number drawn once and kept, which
/// fixes the order they see every question's choices in.
fn reader() -> u64 {
    const KEY: &str = "golab.reader";
    if let Some(n) = platform::load(KEY).and_then(|s| s.parse().ok()) {
        return n;
    }
    let n = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    if let Some(s) = platform::local_storage() {
        let _ = s.set_item(KEY, &n.to_string());
    }
    n
}

/// The order to show `n` choices in: a Fisher–Yates shuffle driven by a
/// hash of the reader, the quiz and the question, so it is the same on
/// every visit and differs between questions and readers.
pub fn choice_order(reader: u64, quiz: &str, question: usize, n: usize) -> Vec<usize> {
    // FNV-1a over the inputs, then splitmix64 steps as the random source.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in reader
        .to_le_bytes()
        .iter()
        .chain(quiz.as_bytes())
        .chain(&(question as u64).to_le_bytes())
    {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut next = move || {
        h = h.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = h;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

enum Action {
    Toggle {
        question: usize,
        choice: usize,
        multi: bool,
    },
    Check(usize),
    Retry(usize),
    /// Show every choice's explanation after a wrong try.
    Reveal(usize),
}

#[function_component(QuizView)]
pub fn quiz_view(props: &Props) -> Html {
    let key = props.ctx.storage_key("quiz", props.quiz.id.as_deref());
    let reader = use_state(reader);
    let answers = {
        let (key, quiz) = (key.clone(), props.quiz.clone());
        use_state(move || {
            platform::load(&key)
                .map(|s| Answers::decode(&s, &quiz))
                .unwrap_or_else(|| Answers::empty(&quiz))
        })
    };
    {
        let key = key.clone();
        use_effect_with((*answers).clone(), move |a| {
            if let Some(s) = platform::local_storage() {
                let _ = s.set_item(&key, &a.encode());
            }
        });
    }
    let act = {
        let answers = answers.clone();
        Callback::from(move |action: Action| {
            let mut a = (*answers).clone();
            match action {
                Action::Toggle {
                    question,
                    choice,
                    multi,
                } => {
                    if a.checked[question] {
                        return;
                    }
                    let sel = &mut a.selected[question];
                    if multi {
                        sel[choice] = !sel[choice];
                    } else {
                        sel.iter_mut()
                            .enumerate()
                            .for_each(|(i, s)| *s = i == choice);
                    }
                }
                Action::Check(q) => a.checked[q] = a.selected[q].iter().any(|s| *s),
                Action::Retry(q) => {
                    a.checked[q] = false;
                    a.revealed[q] = false;
                    a.selected[q].iter_mut().for_each(|s| *s = false);
                }
                Action::Reveal(q) => a.revealed[q] = a.checked[q],
            }
            answers.set(a);
        })
    };

    let zh = props.ctx.lang == Lang::Zh;
    let t = |zh_text: &'static str, en_text: &'static str| if zh { zh_text } else { en_text };
    // The texts were parsed with the chapter (markdown::parse_quiz_text).
    let md = |nodes: &[Node]| view::render(nodes, &props.ctx, super::render_directive);
    let questions = props.quiz.questions.iter().enumerate().map(|(qi, q)| {
        let multi = q.is_multi();
        let checked = answers.checked[qi];
        let right = checked && answers.is_right(qi, q);
        // After a wrong try only the reader's own choices are judged, so
        // they can think again; everything shows after a right answer or
        // when they ask for it.
        let all_shown = right || answers.revealed[qi];
        let name = format!("{key}.{qi}");
        let order = choice_order(*reader, &key, qi, q.choices.len());
        let choices = order.into_iter().map(|ci| {
            let c = &q.choices[ci];
            let selected = answers.selected[qi][ci];
            let onchange = act.reform(move |_| Action::Toggle { question: qi, choice: ci, multi });
            let judged = checked && (all_shown || selected);
            let verdict = judged.then_some(if c.correct { "correct" } else { "wrong" });
            let label = match (c.correct, selected) {
                (true, true) => t("✓ 选对了。", "✓ You chose it: right."),
                (true, false) => t("✓ 这也是正确选项。", "✓ A right choice you left out."),
                (false, true) => t("✗ 选错了。", "✗ You chose it: wrong."),
                (false, false) => t("✗ 不是正确选项（你没选它，对）。", "✗ Not a right choice (you left it out: good)."),
            };
            html! {
                <li class={classes!("choice", verdict, selected.then_some("selected"))} data-choice={ci.to_string()}>
                    <label>
                        <input type={if multi { "checkbox" } else { "radio" }} name={name.clone()}
                            checked={selected} disabled={checked} {onchange} />
                        <span class="choice-text">{ md(&c.text_nodes) }</span>
                    </label>
                    if judged {
                        <div class="why">
                            <strong>{ label }</strong>
                            { " " }{ md(&c.why_nodes) }
                        </div>
                    }
                </li>
            }
        });
        html! {
            <fieldset class="question">
                <legend class="prompt">
                    <span class="qnum">{ format!("{}.", qi + 1) }</span>
                    { md(&q.prompt_nodes) }
                    if multi && !says_multi(&q.prompt) { <span class="hint">{ t("（多选）", "(choose all that apply)") }</span> }
                </legend>
                <ul class="choices">{ for choices }</ul>
                <div class="quiz-actions">
                    if checked {
                        <p class={classes!("verdict", if right { "right" } else { "wrong" })} role="status">
                            { match (right, all_shown) {
                                (true, _) => t("答对了！", "Right!"),
                                (false, false) => t("还不对。看看你选的选项的解释，再试一次。", "Not quite. Read why for the choices you made, and try again."),
                                (false, true) => t("还不对。下面是每个选项的解释。", "Not quite. Here is why for every choice."),
                            } }
                        </p>
                        <button class="button" onclick={act.reform(move |_| Action::Retry(qi))}>{ t("重新作答", "Try again") }</button>
                        if !all_shown {
                            <button class="button show-answer" onclick={act.reform(move |_| Action::Reveal(qi))}>{ t("看答案", "Show the answer") }</button>
                        }
                    } else {
                        <button class="button primary" disabled={!answers.selected[qi].iter().any(|s| *s)}
                            onclick={act.reform(move |_| Action::Check(qi))}>{ t("检查答案", "Check answer") }</button>
                    }
                </div>
            </fieldset>
        }
    });
    html! {
        <section class="quiz" data-block="quiz" aria-label={t("小测验", "Quiz")}>
            <h3 class="block-label">{ t("小测验", "Quiz") }</h3>
            { for questions }
        </section>
    }
}

/// Whether a multi-select prompt already says so (the chapters write
/// "choose all that apply" / "选出所有…"), so the hint is not shown twice.
fn says_multi(prompt: &str) -> bool {
    let p = prompt.to_lowercase();
    p.contains("choose all")
        || p.contains("all that apply")
        || p.contains("选出所有")
        || p.contains("多选")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_orders_are_permutations_that_differ_between_readers() {
        let a = choice_order(1, "golab.quiz.x.q", 0, 4);
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, vec![0, 1, 2, 3]);
        assert_eq!(
            a,
            choice_order(1, "golab.quiz.x.q", 0, 4),
            "stable for a reader"
        );
        let orders: std::collections::HashSet<_> = (0..50)
            .map(|r| choice_order(r, "golab.quiz.x.q", 0, 4))
            .collect();
        assert!(orders.len() > 10, "{} orders over 50 readers", orders.len());
        // Every position gets the first choice for some reader.
        let firsts: std::collections::HashSet<_> = (0..50)
            .map(|r| choice_order(r, "k", 1, 4).iter().position(|&c| c == 0))
            .collect();
        assert_eq!(firsts.len(), 4);
    }
    use crate::directive::{parse_fence, Directive};

    fn quiz() -> Quiz {
        let src = "? A\n- [x] a\n  > w\n- [ ] b\n  > w\n\n? B\n- [x] a\n  > w\n- [x] b\n  > w\n- [ ] c\n  > w\n";
        match parse_fence("quiz", src) {
            Some(Ok(Directive::Quiz(q))) => q,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn answers_round_trip_and_grade() {
        let q = quiz();
        let mut a = Answers::empty(&q);
        a.selected[0] = vec![true, false];
        a.checked[0] = true;
        a.selected[1] = vec![true, false, true];
        let s = a.encode();
        assert_eq!(s, "1,0!;1,0,1;");
        let back = Answers::decode(&s, &q);
        assert_eq!(back, a);
        assert!(back.is_right(0, &q.questions[0]));
        assert!(!back.is_right(1, &q.questions[1]));
        // A revealed answer round-trips; an older save (no `*`) reads as not revealed.
        a.revealed[0] = true;
        assert_eq!(a.encode(), "1,0!*;1,0,1;");
        assert_eq!(Answers::decode(&a.encode(), &q), a);
        assert!(!Answers::decode("1,0!;1,0,1;", &q).revealed[0]);
    }

    #[test]
    fn a_prompt_that_says_multi_select_gets_no_second_hint() {
        assert!(says_multi("What can this print? (choose all that apply)"));
        assert!(says_multi("可能看到哪些输出？（选出所有可能）"));
        assert!(!says_multi("What does this print?"));
    }

    #[test]
    fn stale_saved_answers_are_dropped_per_question() {
        let q = quiz();
        let a = Answers::decode("1,0,0,0!;garbage", &q);
        assert_eq!(a, Answers::empty(&q));
    }
}
