//! The Dockerfile, kept correct without a Docker engine: its build stage copies every file the
//! compiler reads (sources, and whatever the code embeds at compile time), and its runtime stage
//! the configuration the binary reads at start-up.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::support::app::project_root;

/// The sources of the `COPY` lines of each stage (`--from` copies left out), stage by stage.
fn copies_per_stage(dockerfile: &str) -> Vec<BTreeSet<String>> {
    let mut stages: Vec<BTreeSet<String>> = Vec::new();
    for line in dockerfile.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.first().map(|w| w.to_ascii_uppercase()) {
            Some(w) if w == "FROM" => stages.push(BTreeSet::new()),
            Some(w) if w == "COPY" && !words.iter().any(|w| w.starts_with("--from")) => {
                let args: Vec<&str> = words[1..].iter().copied().filter(|w| !w.starts_with("--")).collect();
                let sources = &args[..args.len().saturating_sub(1)];
                let stage = stages.last_mut().expect("COPY after FROM");
                stage.extend(sources.iter().map(|s| s.trim_end_matches('/').to_owned()));
            }
            _ => {}
        }
    }
    stages
}

/// The first component of `path` below the project root, `path` being relative to `base`.
fn top_level(base: &Path, path: &str) -> String {
    let mut resolved = PathBuf::new();
    for part in base.join(path).components() {
        match part {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::CurDir => {}
            other => resolved.push(other),
        }
    }
    let relative = resolved.strip_prefix(project_root()).expect("inside the project");
    relative.components().next().unwrap().as_os_str().to_string_lossy().into_owned()
}

/// Every top-level file or folder the compiler reads besides `src`: files named by
/// `include_str!`/`include_bytes!` (relative to the including file), the migrations and locales
/// folders the macros embed (relative to the crate), and askama's `templates`.
fn compile_time_inputs() -> BTreeSet<String> {
    let mut inputs: BTreeSet<String> = ["Cargo.toml", "Cargo.lock", "src"].map(str::to_owned).into();
    let mut stack = vec![project_root().join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let literal_after = |marker: &str| -> Vec<String> {
                text.match_indices(marker)
                    .filter_map(|(i, _)| text[i + marker.len()..].split('"').nth(1).map(str::to_owned))
                    .collect()
            };
            for file in literal_after("include_str!").into_iter().chain(literal_after("include_bytes!")) {
                inputs.insert(top_level(path.parent().unwrap(), &file));
            }
            for folder in literal_after("embed_migrations!").into_iter().chain(literal_after("locales:")) {
                inputs.insert(top_level(project_root(), &folder));
            }
            if text.contains("#[template(") {
                inputs.insert("templates".to_owned());
            }
        }
    }
    inputs
}

#[test]
fn the_dockerfile_copies_everything_the_build_reads_and_the_configuration() {
    let dockerfile = std::fs::read_to_string(project_root().join("Dockerfile")).unwrap();
    let stages = copies_per_stage(&dockerfile);
    assert_eq!(stages.len(), 2, "a build stage and a runtime stage");
    let inputs = compile_time_inputs();
    for expected in ["locales", "migrations", "static", "templates"] {
        assert!(inputs.contains(expected), "the scan finds {expected}: {inputs:?}");
    }
    let missing: Vec<&String> = inputs.iter().filter(|i| !stages[0].contains(*i)).collect();
    assert!(missing.is_empty(), "the build stage does not copy {missing:?}");
    assert!(stages[1].contains("config"), "the runtime stage copies config/ (settings and registers)");
    for copied in stages.iter().flatten() {
        assert!(project_root().join(copied).exists(), "COPY {copied}: no such file in the project");
    }
}
