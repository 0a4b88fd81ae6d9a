//! Tagged PDF: the structure tree of what the writer drew.
//!
//! Takes the layout's structure [`Node`]s and, while pages are drawn, the
//! marked-content identifiers krilla hands out for each run, image and link;
//! returns krilla's [`TagTree`]. Running heads, folios, leader dots and
//! ornaments are marked as artifacts, outside the tree. Never lays anything out.
//!
//! Reading order is drawing order: the writer draws each page in reading order
//! (title page, contents, body), so every element's children are ordered by the
//! first thing drawn for them, whatever order the layout created them in.

use super::layout::{Node, NodeId, Role};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, TableHeaderScope, Tag, TagGroup, TagKind,
    TagTree,
};
use std::num::NonZeroU16;

/// What the writer drew for each structure node, in drawing order.
pub struct Tagger {
    leaves: Vec<Vec<(u64, Identifier)>>,
    drawn: u64,
}

/// What a piece of drawing is when it belongs to no node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    /// The running head.
    Header,
    /// The folio at the foot of the page.
    Footer,
    /// Leader dots, ornaments, table rules.
    Layout,
}

impl Tagger {
    pub fn new(nodes: usize) -> Tagger {
        Tagger { leaves: vec![Vec::new(); nodes], drawn: 0 }
    }

    /// Draw with `draw` as content of `node` (text when `text`, else a figure's
    /// image), or as an artifact of kind `furniture` when `node` is `None`.
    pub fn draw(
        &mut self,
        surface: &mut Surface,
        node: Option<NodeId>,
        text: bool,
        furniture: Furniture,
        draw: impl FnOnce(&mut Surface),
    ) {
        let tag = match node {
            Some(_) if text => ContentTag::Span(SpanTag::empty()),
            Some(_) => ContentTag::Other,
            None => ContentTag::Artifact(Artifact::with_kind(match furniture {
                Furniture::Header => ArtifactType::Header,
                Furniture::Footer => ArtifactType::Footer,
                Furniture::Layout => ArtifactType::Layout,
            })),
        };
        let id = surface.start_tagged(tag);
        draw(surface);
        surface.end_tagged();
        if let Some(n) = node {
            self.record(n, id);
        }
    }

    /// A tagged annotation (a link) belongs to `node`.
    pub fn record(&mut self, node: NodeId, id: Identifier) {
        if let Some(leaves) = self.leaves.get_mut(node) {
            leaves.push((self.drawn, id));
            self.drawn += 1;
        }
    }

    /// The structure tree: every node that got something drawn, nested as the
    /// layout nested them, children in reading order.
    pub fn tree(self, nodes: &[Node], language: &str) -> TagTree {
        let mut kids: Vec<Vec<NodeId>> = vec![Vec::new(); nodes.len()];
        let mut roots = Vec::new();
        for (n, node) in nodes.iter().enumerate() {
            match node.parent {
                Some(p) if p < n => kids[p].push(n),
                _ => roots.push(n),
            }
        }
        // Children come after their parents, so building from the last node
        // back finds every child's group ready.
        let mut groups: Vec<Option<(u64, TagGroup)>> = vec![None; nodes.len()];
        let mut leaves = self.leaves;
        for n in (0..nodes.len()).rev() {
            let mut items: Vec<(u64, krilla::tagging::Node)> =
                leaves[n].drain(..).map(|(at, id)| (at, krilla::tagging::Node::Leaf(id))).collect();
            items.extend(kids[n].iter().filter_map(|&k| groups[k].take()).map(|(at, g)| (at, g.into())));
            items.sort_by_key(|(at, _)| *at);
            let Some(&(first, _)) = items.first() else { continue };
            let children = items.into_iter().map(|(_, node)| node).collect();
            let tag = tag_of(&nodes[n].role).with_lang(nodes[n].lang.clone());
            groups[n] = Some((first, TagGroup::with_children(tag, children)));
        }
        let mut top: Vec<(u64, TagGroup)> = roots.into_iter().filter_map(|n| groups[n].take()).collect();
        top.sort_by_key(|(at, _)| *at);
        let mut tree = TagTree::new().with_lang(Some(language.to_string()));
        for (_, group) in top {
            tree.push(group);
        }
        tree
    }
}

/// The standard structure type of a role (PDF 1.7 §14.8.4).
fn tag_of(role: &Role) -> TagKind {
    match role {
        Role::Title => Tag::Title.into(),
        Role::Heading { level, title } => {
            let level = NonZeroU16::new(u16::from(*level).max(1)).unwrap_or(NonZeroU16::MIN);
            Tag::Hn(level, Some(title.clone())).into()
        }
        Role::Paragraph => Tag::P.into(),
        Role::List { ordered } => Tag::L(if *ordered { ListNumbering::Decimal } else { ListNumbering::Disc }).into(),
        Role::ListItem => Tag::LI.into(),
        Role::Label => Tag::Lbl.into(),
        Role::ListBody => Tag::LBody.into(),
        Role::BlockQuote => Tag::BlockQuote.into(),
        Role::Code => Tag::Code.into(),
        Role::Table => Tag::Table.into(),
        Role::TableRow => Tag::TR.into(),
        Role::HeaderCell => Tag::TH(TableHeaderScope::Column).into(),
        Role::Cell => Tag::TD.into(),
        Role::Figure { alt } => Tag::Figure(Some(alt.clone())).into(),
        Role::Caption => Tag::Caption.into(),
        Role::Toc => Tag::TOC.into(),
        Role::TocItem => Tag::TOCI.into(),
        Role::Link => Tag::Link.into(),
        Role::Span => Tag::Span.into(),
    }
}
