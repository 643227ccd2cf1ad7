//! The document tree ([`crate::markdown`]) → Yew nodes.
//!
//! Elements map one to one; code blocks get the code style; directives become
//! components through the caller's [`DirectiveRenderer`] (the book passes
//! `blocks::render_directive`); malformed directives become a visible error
//! box naming the chapter file and line.
//!
//! Why a function and not `use crate::blocks`: blocks render documents too
//! (a quiz's explanations), so naming each other would make the two modules
//! a cycle; with the renderer passed in, `blocks` depends on `view` and not
//! the other way round.

use crate::block_context::BlockContext;
use crate::components::copy_button::CopyButton;
use crate::directive::Directive;
use crate::lang::t;
use crate::markdown::{Element, Node};
use yew::prelude::*;
use yew::virtual_dom::{VTag, VText};

/// Turns a directive block into its component.
pub type DirectiveRenderer = fn(&Directive, &BlockContext) -> Html;

/// Renders a chapter body (or any document), its directives with `directive`.
pub fn render(nodes: &[Node], ctx: &BlockContext, directive: DirectiveRenderer) -> Html {
    nodes
        .iter()
        .map(|n| render_node(n, ctx, directive))
        .collect()
}

fn render_node(node: &Node, ctx: &BlockContext, directive: DirectiveRenderer) -> Html {
    match node {
        Node::Text(t) => VText::new(t.clone()).into(),
        Node::Element(e) => render_element(e, ctx, directive),
        Node::Code { lang, code } => {
            let text = code.clone();
            let copy = Callback::from(move |()| text.to_string());
            html! {
                <div class="code-wrap">
                    // Focusable: a long line scrolls it sideways, and a
                    // keyboard reader must be able to scroll it too.
                    <pre class="code-block" tabindex="0"><code class={classes!((!lang.is_empty()).then(|| format!("language-{lang}")))}>{ code.clone() }</code></pre>
                    <CopyButton text={copy} lang={ctx.lang} label={t(ctx.lang, "复制代码", "Copy the code")} />
                </div>
            }
        }
        Node::Directive {
            directive: d,
            line,
            index,
            ..
        } => directive(d, &ctx.at(*line, *index)),
        Node::Error {
            line,
            message,
            source,
        } => html! {
            <div class="directive-error" role="alert">
                <p><strong>{ format!("{}:{}", ctx.path, line) }</strong>{ ": " }{ message.clone() }</p>
                <pre>{ source.clone() }</pre>
            </div>
        },
    }
}

fn render_element(e: &Element, ctx: &BlockContext, directive: DirectiveRenderer) -> Html {
    let mut tag = VTag::new(e.tag);
    for (k, v) in &e.attrs {
        tag.add_attribute(k, v.clone());
    }
    tag.add_children(e.children.iter().map(|c| render_node(c, ctx, directive)));
    tag.into()
}
