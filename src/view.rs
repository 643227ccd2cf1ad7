//! The document tree ([`crate::markdown`]) → Yew nodes.
//!
//! Elements map one to one; code blocks get the code style; directives become
//! the components in [`crate::blocks`]; malformed directives become a visible
//! error box naming the chapter file and line.

use crate::block_context::BlockContext;
use crate::blocks;
use crate::markdown::{Element, Node};
use yew::prelude::*;
use yew::virtual_dom::{VTag, VText};

/// Renders a chapter body.
pub fn render(nodes: &[Node], ctx: &BlockContext) -> Html {
    nodes.iter().map(|n| render_node(n, ctx)).collect()
}

fn render_node(node: &Node, ctx: &BlockContext) -> Html {
    match node {
        Node::Text(t) => VText::new(t.clone()).into(),
        Node::Element(e) => render_element(e, ctx),
        Node::Code { lang, code } => html! {
            <pre class="code-block"><code class={classes!((!lang.is_empty()).then(|| format!("language-{lang}")))}>{ code.clone() }</code></pre>
        },
        Node::Directive {
            directive,
            line,
            index,
        } => blocks::render_directive(directive, &ctx.at(*line, *index)),
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

fn render_element(e: &Element, ctx: &BlockContext) -> Html {
    let mut tag = VTag::new(e.tag);
    for (k, v) in &e.attrs {
        tag.add_attribute(k, v.clone());
    }
    tag.add_children(e.children.iter().map(|c| render_node(c, ctx)));
    tag.into()
}
