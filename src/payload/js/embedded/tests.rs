//! The script finder against hand-picked components and generated ones.

use super::*;
use proptest::prelude::*;

/// The text of each region.
fn texts<'a>(text: &'a str, scripts: &Scripts) -> Vec<&'a str> {
    scripts
        .regions
        .iter()
        .map(|region| &text[region.clone()])
        .collect()
}

#[test]
fn hosts_are_named_by_extension_in_any_case() {
    assert_eq!(Host::of("src/App.vue"), Some(Host::Vue));
    assert_eq!(Host::of("Page.SVELTE"), Some(Host::Svelte));
    assert_eq!(Host::of("pages/index.astro"), Some(Host::Astro));
    assert_eq!(Host::of("app.ts"), None);
    assert_eq!(Host::of("vue"), None);
    assert_eq!(Host::of("a.vue/index.ts"), None);
}

#[test]
fn vue_blocks_start_after_the_tag_and_lang_decides_typescript() {
    let text = "<template><p>checkoutSessions.create</p></template>\n<script>a</script>\n<SCRIPT setup lang=\"ts\" generic=\"T extends Record<string, '>'>\">b</SCRIPT >\n";
    let scripts = scripts(Host::Vue, text);
    assert_eq!(texts(text, &scripts), ["a", "b"]);
    // Offsets are the host file's: the block starts right after its tag's `>`.
    assert_eq!(scripts.regions[0].start, text.find(">a<").unwrap() + 1);
    assert!(scripts.typescript && !scripts.jsx);
    assert!(scripts.source_type().is_typescript());

    let plain = scripts_of(Host::Vue, "<script>x</script>");
    assert!(!plain.typescript && !plain.source_type().is_jsx());
    let tsx = scripts_of(Host::Vue, "<script lang='tsx'>x</script>");
    assert!(tsx.source_type().is_typescript() && tsx.source_type().is_jsx());
}

fn scripts_of(host: Host, text: &str) -> Scripts {
    scripts(host, text)
}

#[test]
fn data_sources_other_languages_and_comments_are_not_scripts() {
    let text = "<!-- <script>a</script> -->\n<script type=\"application/json\">{}</script>\n<script type=\"text/template\"><p/></script>\n<script src=\"./x.js\"></script>\n<script src=\"./y.js\" />\n<script lang=\"coffee\">c</script>\n<script type=\"module\">d</script>\n<scripts>e</scripts>";
    assert_eq!(texts(text, &scripts(Host::Vue, text)), ["d"]);
}

#[test]
fn svelte_module_and_instance_scripts_are_both_read() {
    let text =
        "<script context=\"module\" lang=\"ts\">a</script>\n<script>b</script>\n<h1>{x}</h1>";
    let scripts = scripts(Host::Svelte, text);
    assert_eq!(texts(text, &scripts), ["a", "b"]);
    assert!(scripts.typescript);
}

#[test]
fn astro_frontmatter_and_scripts_are_typescript() {
    let text = "\n---\nconst a = '<script>';\n---\n<h1>Hi</h1>\n<script>b</script>\n<script type=\"application/ld+json\">{}</script>";
    let scripts = scripts(Host::Astro, text);
    assert_eq!(texts(text, &scripts), ["\nconst a = '<script>';\n", "b"]);
    assert!(scripts.typescript);
    // Without a closing fence there is no frontmatter; `---` further down is markup.
    assert_eq!(
        texts(
            "---\nconst a = 1;\n<script>b</script>",
            &scripts_of(Host::Astro, "---\nconst a = 1;\n<script>b</script>")
        ),
        ["b"]
    );
    assert!(
        scripts_of(Host::Astro, "<p>x</p>\n---\na\n---\n")
            .regions
            .is_empty()
    );
}

#[test]
fn hostile_input_ends_the_search_without_a_panic() {
    for text in [
        "<script>never closed",
        "<script lang=\"ts",
        "<script",
        "<",
        "<!-- <script>a</script>",
        "<script>a</scrip",
        "<script {>}>a</script>",
        "<script a==b '=' =>x</script>",
        "<script lang=é>é</script>",
        "---",
    ] {
        for host in [Host::Vue, Host::Svelte, Host::Astro] {
            let scripts = scripts(host, text);
            assert_eq!(blank(text, &scripts.regions).len(), text.len(), "{text}");
        }
    }
    assert!(
        scripts(Host::Vue, "<script>never closed")
            .regions
            .is_empty()
    );
    assert_eq!(
        texts(
            "<script lang=é>é</script>",
            &scripts_of(Host::Vue, "<script lang=é>é</script>")
        ),
        Vec::<&str>::new()
    );
    assert_eq!(
        texts(
            "<script a==b '=' =>x</script>",
            &scripts_of(Host::Vue, "<script a==b '=' =>x</script>")
        ),
        ["x"]
    );
}

#[test]
fn large_hostile_files_are_read_in_one_pass() {
    // Each would take minutes if a miss rescanned the rest of the file from every `<`.
    for text in [
        "<script ".repeat(100_000),
        "<script>".repeat(100_000),
        "<!--<script>".repeat(100_000),
        "\n---".repeat(100_000),
        format!("<script>{}", "</".repeat(100_000)),
    ] {
        for host in [Host::Vue, Host::Astro] {
            let scripts = scripts(host, &text);
            assert_eq!(blank(&text, &scripts.regions).len(), text.len());
        }
    }
}

#[test]
fn a_closing_tag_in_a_string_ends_the_block_as_in_a_browser() {
    let text = "<script>const s = '</script>'; b</script>";
    assert_eq!(texts(text, &scripts(Host::Vue, text)), ["const s = '"]);
}

#[test]
fn blanking_keeps_length_lines_and_the_scripts_bytes() {
    let text = "<template>\r\n  <p>é “x”</p>\n</template>\n<script lang=\"ts\">\nconst é = 1;\n</script>\n<!-- // checkout-lint-disable -->\n";
    let scripts = scripts(Host::Vue, text);
    let blanked = blank(text, &scripts.regions);
    assert_eq!(blanked.len(), text.len());
    let region = scripts.regions[0].clone();
    assert_eq!(&blanked[region.clone()], "\nconst é = 1;\n");
    // The closing tag's `<` becomes a statement end; the rest is spaces and line breaks.
    assert_eq!(&blanked[region.end..region.end + 1], ";");
    for (index, (kept, original)) in blanked.bytes().zip(text.bytes()).enumerate() {
        if !region.contains(&index) && index != region.end {
            let expected = if matches!(original, b'\n' | b'\r') {
                original
            } else {
                b' '
            };
            assert_eq!(kept, expected, "byte {index}");
        }
    }
    assert_eq!(blanked.lines().count(), text.lines().count());
}

/// Host files made of the pieces the extractor reacts to, in any order.
fn pieces() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<script"),
        Just("<SCRIPT"),
        Just("</script>"),
        Just("</script"),
        Just(">"),
        Just("/>"),
        Just(" lang=\"ts\""),
        Just(" type='application/json'"),
        Just(" src=x"),
        Just("\""),
        Just("'"),
        Just("{"),
        Just("}"),
        Just("<!--"),
        Just("-->"),
        Just("---"),
        Just("\n"),
        Just("\r\n"),
        Just("é"),
        Just("日"),
        Just("x"),
        Just(" "),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn regions_are_ordered_whole_and_blanking_keeps_every_line(text in pieces()) {
        for host in [Host::Vue, Host::Svelte, Host::Astro] {
            let scripts = scripts(host, &text);
            let mut at = 0;
            for region in &scripts.regions {
                prop_assert!(at <= region.start && region.start <= region.end);
                prop_assert!(text.get(region.clone()).is_some());
                at = region.end;
            }
            prop_assert!(at <= text.len());
            let blanked = blank(&text, &scripts.regions);
            prop_assert_eq!(blanked.len(), text.len());
            for region in &scripts.regions {
                prop_assert_eq!(&blanked[region.clone()], &text[region.clone()]);
            }
            let breaks = |t: &str| t.match_indices(['\n', '\r']).map(|(i, _)| i).collect::<Vec<_>>();
            prop_assert_eq!(breaks(&blanked), breaks(&text));
        }
    }
}

#[test]
fn attributes_are_read_in_any_case_with_any_quoting() {
    assert_eq!(attribute(" LANG='ts' setup", "lang"), Some("ts"));
    assert_eq!(attribute(" setup lang=ts/", "lang"), Some("ts"));
    assert_eq!(attribute(" data-lang=\"ts\"", "lang"), None);
    assert_eq!(
        attribute(" define:vars={{ a: '>' }} lang=\"ts\"", "lang"),
        Some("ts")
    );
    assert_eq!(attribute(" setup", "setup"), Some(""));
    assert_eq!(attribute(" lang=\"ts", "lang"), Some("ts"));
}
