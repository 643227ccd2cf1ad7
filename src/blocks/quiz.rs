//! A ` ```quiz ` block: questions whose every choice is explained after the
//! reader answers. Answers persist in localStorage per chapter and quiz id.

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
        }
    }

    /// `"1,0,0!;0,1;"`: per question, the choices (1 = selected), `!` once checked.
    pub fn encode(&self) -> String {
        let mut s = String::new();
        for (sel, checked) in self.selected.iter().zip(&self.checked) {
            let bits: Vec<&str> = sel.iter().map(|b| if *b { "1" } else { "0" }).collect();
            s.push_str(&bits.join(","));
            if *checked {
                s.push('!');
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
            let (bits, checked) = match part.strip_suffix('!') {
                Some(b) => (b, true),
                None => (part, false),
            };
            let sel: Vec<bool> = bits.split(',').map(|b| b == "1").collect();
            if sel.len() == a.selected[i].len() {
                a.selected[i] = sel;
                a.checked[i] = checked;
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

enum Action {
    Toggle {
        question: usize,
        choice: usize,
        multi: bool,
    },
    Check(usize),
    Retry(usize),
}

#[function_component(QuizView)]
pub fn quiz_view(props: &Props) -> Html {
    let key = props.ctx.storage_key("quiz", props.quiz.id.as_deref());
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
                    a.selected[q].iter_mut().for_each(|s| *s = false);
                }
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
        let name = format!("{key}.{qi}");
        let choices = q.choices.iter().enumerate().map(|(ci, c)| {
            let selected = answers.selected[qi][ci];
            let onchange = act.reform(move |_| Action::Toggle { question: qi, choice: ci, multi });
            let verdict = checked.then_some(if c.correct { "correct" } else { "wrong" });
            html! {
                <li class={classes!("choice", verdict, selected.then_some("selected"))}>
                    <label>
                        <input type={if multi { "checkbox" } else { "radio" }} name={name.clone()}
                            checked={selected} disabled={checked} {onchange} />
                        <span class="choice-text">{ md(&c.text_nodes) }</span>
                    </label>
                    if checked {
                        <div class="why">
                            <strong>{ if c.correct { t("✓ 正确选项。", "✓ Right choice.") } else { t("✗ 错误选项。", "✗ Wrong choice.") } }</strong>
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
                    if multi { <span class="hint">{ t("（多选）", "(choose all that apply)") }</span> }
                </legend>
                <ul class="choices">{ for choices }</ul>
                <div class="quiz-actions">
                    if checked {
                        <p class={classes!("verdict", if right { "right" } else { "wrong" })} role="status">
                            { if right { t("答对了！", "Right!") } else { t("还不对，看看每个选项的解释。", "Not quite: read why for each choice.") } }
                        </p>
                        <button class="button" onclick={act.reform(move |_| Action::Retry(qi))}>{ t("重新作答", "Try again") }</button>
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

#[cfg(test)]
mod tests {
    use super::*;
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
    }

    #[test]
    fn stale_saved_answers_are_dropped_per_question() {
        let q = quiz();
        let a = Answers::decode("1,0,0,0!;garbage", &q);
        assert_eq!(a, Answers::empty(&q));
    }
}
