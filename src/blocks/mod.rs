//! Components for directive blocks: runnable examples, widgets, quizzes
//! and exercises.
//!
//! Each block gets plain data (the parsed directive and where it stands in
//! the book), never runtime internals.

pub mod exercise;
pub mod quiz;
pub mod run;
pub mod widget;

use crate::block_context::BlockContext;
use crate::directive::Directive;
use yew::prelude::*;

pub fn render_directive(directive: &Directive, ctx: &BlockContext) -> Html {
    match directive {
        Directive::Run(block) => {
            html! { <run::RunExample block={block.clone()} ctx={ctx.clone()} /> }
        }
        Directive::Widget(block) => {
            html! { <widget::WidgetBox block={block.clone()} ctx={ctx.clone()} /> }
        }
        Directive::Quiz(quiz) => html! { <quiz::QuizView quiz={quiz.clone()} ctx={ctx.clone()} /> },
        Directive::Exercise(e) => {
            html! { <exercise::ExerciseView exercise={e.clone()} ctx={ctx.clone()} /> }
        }
    }
}
