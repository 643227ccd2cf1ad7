//! The packages the compiler knows, with their exported members: the list
//! on the "What Go runs here" page. It is the compiler's own table
//! (`golab_compiler::library::catalog`: the natives and the packages
//! written in Go), so it cannot drift from what programs can use.

use crate::lang::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
}

#[function_component(Library)]
pub fn library(props: &Props) -> Html {
    let catalog = use_memo((), |_| golab_compiler::library::catalog());
    let (package, members) = match props.lang {
        Lang::Zh => ("包", "可用的名字"),
        Lang::En => ("Package", "What it has here"),
    };
    html! {
        <div class="library">
            <table>
                <thead><tr><th scope="col">{ package }</th><th scope="col">{ members }</th></tr></thead>
                <tbody>
                    { for catalog.iter().map(|(path, names)| html! {
                        <tr>
                            <th scope="row"><code>{ path.clone() }</code></th>
                            <td>
                                { for names.iter().enumerate().map(|(i, n)| html! {
                                    <>{ if i > 0 { " " } else { "" } }<code>{ n.clone() }</code></>
                                }) }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
