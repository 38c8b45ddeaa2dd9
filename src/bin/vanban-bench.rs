//! Benchmark of batch builds, run as a separate program so that nothing in the test suite
//! depends on timing:
//!
//!     cargo build --release && target/release/vanban-bench --docs 200
//!
//! It generates N synthetic documents of the three kinds (about ten pages each, with a
//! 60-row responsibility matrix; half of them include a shared registry), then runs the
//! release `vanban` binary next to it and reports: cold build documents per second on one
//! core (taskset) and on all cores, the no-op rebuild, the rebuild after the shared file
//! changes, peak resident memory, a cold single document as a whole process, and, when a
//! `typst` CLI is on PATH, the CLI's time on the same generated source. Next to the cold
//! build rates it prints the CPU time per document and the share of the machine's time the
//! hypervisor stole meanwhile: on a shared virtual machine the wall-clock rates move by a
//! third from run to run, the CPU time much less. Then the time to write a .docx of a
//! generated plan and of the sample plan, in-process; last a family of N copies of one
//! Quyết định against N unrelated documents of the same size.
//!
//! `--family-scale` (with `--rows 100,1000,10000`, the default) builds only the family of the
//! last table, with that many rows, and prints for each size the wall time, the CPU time per
//! copy, the data stage per copy and the peak memory: the data stage of a family is linear in
//! its rows when the CPU per copy stays flat from 1 000 to 10 000. Then it renames one
//! commune in the table and builds again: how many documents that rebuilt (one, and the
//! merged file with `--gop`), its wall time and memory, beside a one-row family built on its
//! own. `--gop` asks each family for its merged PDF too (`ho.gop`). The share of the
//! machine's CPU time the hypervisor gave to other guests during the cold build is printed
//! beside it: on a shared virtual machine the wall time moves with it, the CPU time much less.
//!
//! `--serve` measures only what `vanban serve` does after a save, in-process: the file
//! written → the new SVG pages ready on the server (load, compute, Typst with warm caches,
//! SVG of the pages whose hash changed), median of 20 edits, for the sample plan and a
//! two-page công văn. It is printed, not asserted; the full run prints it too.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let docs: usize = arg("--docs").and_then(|v| v.parse().ok()).unwrap_or(120);
    #[cfg(feature = "serve")]
    if args.iter().any(|a| a == "--serve") {
        serve_timing();
        return;
    }
    let exe = std::env::current_exe().expect("own path");
    let vanban = arg("--vanban")
        .map(PathBuf::from)
        .unwrap_or_else(|| exe.with_file_name("vanban"));
    assert!(
        vanban.exists(),
        "no vanban binary at {} (cargo build --release first)",
        vanban.display()
    );
    if args.iter().any(|a| a == "--family-scale") {
        let rows: Vec<usize> = arg("--rows")
            .unwrap_or_else(|| "100,1000,10000".into())
            .split(',')
            .filter_map(|v| v.trim().parse().ok())
            .collect();
        family_scale(&vanban, &rows, args.iter().any(|a| a == "--gop"));
        return;
    }
    // --generate DIR only writes the synthetic documents (for profiling by hand).
    if let Some(dir) = arg("--generate") {
        generate(Path::new(&dir), docs);
        generate_family(&Path::new(&dir).join("family"), docs, true);
        return;
    }
    let work = std::env::temp_dir().join(format!("vanban-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    generate(&work, docs);
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);

    println!(
        "vanban-bench: {docs} documents, {} pages each on average",
        pages(&vanban, &work)
    );
    println!("machine: {} cores, {}", cores, cpu_model());

    let one = run(
        &vanban,
        &work,
        &[
            "build", "data", "--out", "out1", "--jobs", "1", "--force", "--stats",
        ],
        true,
    );
    let all = run(
        &vanban,
        &work,
        &["build", "data", "--out", "out2", "--force", "--stats"],
        false,
    );
    let noop = run(
        &vanban,
        &work,
        &["build", "data", "--out", "out2", "--stats"],
        false,
    );
    let registry = work.join("data/_chung/co-quan.yaml");
    let text = std::fs::read_to_string(&registry).unwrap();
    std::fs::write(&registry, text.replace("Sở Nội vụ", "Sở Nội vụ và Dân tộc")).unwrap();
    let shared = run(
        &vanban,
        &work,
        &["build", "data", "--out", "out2", "--stats"],
        false,
    );

    let rate = |s: f64| docs as f64 / s;
    println!();
    println!("| measure | value |");
    println!("|---|---|");
    // Wall time on a shared virtual machine depends on the neighbours: the CPU time per
    // document and the share stolen by the hypervisor say how far a figure can be trusted.
    println!(
        "| cold build, 1 core | {:.1} documents/s ({:.2} s, peak {:.0} MiB; {:.0} ms CPU per document, {:.0}% stolen) |",
        rate(one.secs),
        one.secs,
        one.rss,
        1000.0 * one.cpu / docs as f64,
        100.0 * one.steal
    );
    println!(
        "| cold build, {cores} cores | {:.1} documents/s ({:.2} s, peak {:.0} MiB; {:.0} ms CPU per document, {:.0}% stolen) |",
        rate(all.secs),
        all.secs,
        all.rss,
        1000.0 * all.cpu / docs as f64,
        100.0 * all.steal
    );
    println!(
        "| speed-up on {cores} cores | {:.2}× |",
        one.secs / all.secs
    );
    println!(
        "| no-op rebuild | {:.3} s ({:.1}% of the cold build) |",
        noop.secs,
        100.0 * noop.secs / all.secs
    );
    println!(
        "| rebuild after the shared registry changed ({} dependants) | {:.2} s |",
        docs.div_ceil(2),
        shared.secs
    );

    // A cold single document, whole process, against the typst CLI on the same source.
    let single = work.join("data/kh-000.yaml");
    let mut ours = Vec::new();
    for i in 0..5 {
        let out = format!("single{i}");
        ours.push(
            run(
                &vanban,
                &work,
                &[
                    "build",
                    single.to_str().unwrap(),
                    "--out",
                    &out,
                    "--emit",
                    "typ",
                ],
                false,
            )
            .wall,
        );
    }
    let ours = median(ours);
    println!(
        "| cold single document, whole process | {:.0} ms |",
        ours * 1000.0
    );
    let typst = Command::new("typst")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success());
    match typst {
        Some(v) => {
            let dir = work.join("single0");
            std::fs::copy(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/vanban.typ"),
                dir.join("vanban.typ"),
            )
            .unwrap();
            let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
            let mut cli = Vec::new();
            for _ in 0..5 {
                let t = Instant::now();
                let st = Command::new("typst")
                    .args(["compile", "--ignore-system-fonts", "--font-path"])
                    .arg(&fonts)
                    .arg(dir.join("kh-000.typ"))
                    .arg(dir.join("cli.pdf"))
                    .status()
                    .unwrap();
                assert!(st.success(), "typst compile failed");
                cli.push(t.elapsed().as_secs_f64());
            }
            let cli = median(cli);
            println!(
                "| `{}` compile of the same source | {:.0} ms (vanban/CLI = {:.2}) |",
                String::from_utf8_lossy(&v.stdout).trim(),
                cli * 1000.0,
                ours / cli
            );
        }
        None => println!("| typst CLI | not installed here: ratio not measured |"),
    }
    // Word output: in-process, so the figure is the renderer's and not a process start.
    for (name, path) in [
        ("generated plan kh-000", single.clone()),
        (
            "sample plan ke-hoach-ntm-2019",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lang-son/ke-hoach-ntm-2019.yaml"),
        ),
    ] {
        let (render, whole, bytes) = docx_timing(&path, &work.join("docx-out"));
        println!(
            "| .docx of the {name} | {:.1} ms from its context, {:.1} ms with loading, checking and writing ({} KiB) |",
            render * 1000.0,
            whole * 1000.0,
            bytes / 1024
        );
    }
    let docx_run = run(
        &vanban,
        &work,
        &[
            "build",
            single.to_str().unwrap(),
            "--out",
            "single-docx",
            "-f",
            "docx",
        ],
        false,
    );
    println!(
        "| cold single document as .docx, whole process (no Typst) | {:.0} ms |",
        docx_run.wall * 1000.0
    );
    // Families: N copies of one Quyết định công nhận from a table, against N unrelated
    // documents of the same size, cold on all cores.
    let fam = work.join("family");
    generate_family(&fam, docs, true);
    let family = run(
        &vanban,
        &fam,
        &[
            "build",
            "family",
            "--out",
            "out-family",
            "--force",
            "--stats",
        ],
        false,
    );
    let unrelated = run(
        &vanban,
        &fam,
        &[
            "build",
            "unrelated",
            "--out",
            "out-unrelated",
            "--force",
            "--stats",
        ],
        false,
    );
    println!(
        "| family of {docs} copies, {cores} cores | {:.1} documents/s ({:.2} s, peak {:.0} MiB; {:.0} ms CPU per copy) |",
        rate(family.secs),
        family.secs,
        family.rss,
        1000.0 * family.cpu / docs as f64
    );
    println!(
        "| {docs} unrelated documents of the same size, {cores} cores | {:.1} documents/s ({:.2} s, peak {:.0} MiB; {:.0} ms CPU per document) |",
        rate(unrelated.secs),
        unrelated.secs,
        unrelated.rss,
        1000.0 * unrelated.cpu / docs as f64
    );
    println!(
        "| family / unrelated rate | {:.2}× (CPU per document: {:.2}×) |",
        unrelated.secs / family.secs,
        unrelated.cpu / family.cpu
    );
    let _ = std::fs::remove_dir_all(&work);
    #[cfg(feature = "serve")]
    serve_timing();
}

/// `vanban serve`: save → new SVG pages ready, median of 20 edits, for the sample plan and a
/// two-page công văn (the starter of `vanban new cong_van` with more items). Each edit changes
/// a figure or a date, so at least one page changes; the watcher's 30 ms quiet window after
/// a save comes on top.
#[cfg(feature = "serve")]
fn serve_timing() {
    use std::collections::HashMap;
    use vanban::serve::state::{render_pages, Compiler};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = std::env::temp_dir().join(format!("vanban-bench-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(work.join("_chung")).unwrap();
    std::fs::copy(
        root.join("data/lang-son/_chung/tinh-lang-son.yaml"),
        work.join("_chung/tinh-lang-son.yaml"),
    )
    .unwrap();
    let plan = work.join("ke-hoach-ntm-2019.yaml");
    let plan_text =
        std::fs::read_to_string(root.join("data/lang-son/ke-hoach-ntm-2019.yaml")).unwrap();
    let items: String = (1..=14)
        .map(|i| {
            format!(
                "  - khoan: Nhiệm vụ thứ {i} là rà soát kết quả thực hiện các chỉ tiêu được giao, \
                 đánh giá những việc đã làm được, những tồn tại, hạn chế và nguyên nhân; đề \
                 xuất giải pháp cụ thể cho các tháng cuối năm.\n    dam: false\n"
            )
        })
        .collect();
    let cv_text = include_str!("../starters/cong_van.yaml").replace(
        "  - khoan: Rà soát các nhiệm vụ được giao, báo cáo trước ngày 30/9/2025.\n    dam: false\n",
        &format!("  - khoan: Rà soát các nhiệm vụ được giao, báo cáo trước ngày 30/9/2025.\n    dam: false\n{items}"),
    );
    let cv = work.join("cong-van.yaml");
    let compiler = Compiler::new(&root.join("templates")).expect("templates load");
    println!();
    println!("vanban serve: save → new SVG pages ready (in-process, median of 20 edits)");
    println!("| document | pages | first compile + SVG (cold) | save → SVG ready, median | pages re-rendered per edit |");
    println!("|---|---|---|---|---|");
    // Each case: its name, file, first text, and the text of edit i.
    type Edit = Box<dyn Fn(usize) -> String>;
    let cases: [(&str, &Path, String, Edit); 2] = [
        (
            "ke-hoach-ntm-2019 (sample plan)",
            &plan,
            plan_text.clone(),
            Box::new(move |i| {
                plan_text.replace(
                    "tc02: { da_dat: 49, them: 12,",
                    &format!("tc02: {{ da_dat: 49, them: {},", 13 + i % 20),
                )
            }),
        ),
        (
            "công văn (starter + 14 items)",
            &cv,
            cv_text.clone(),
            Box::new(move |i| cv_text.replace("30/9/2025", &format!("{}/9/2025", 1 + i % 29))),
        ),
    ];
    for (name, path, first, edit) in cases {
        std::fs::write(path, &first).unwrap();
        let job = vanban::pipeline::Job {
            input: path.to_path_buf(),
            output: PathBuf::new(),
            member: None,
        };
        let t = Instant::now();
        let c = compiler.compile(&job);
        assert!(!c.report.has_errors(), "{name}: {:?}", c.report.items);
        let (mut infos, mut cache) = render_pages(c.pages.as_ref().unwrap(), &HashMap::new());
        let cold = t.elapsed().as_secs_f64();
        let mut times = Vec::new();
        let mut rendered = Vec::new();
        for i in 0..20 {
            std::fs::write(path, edit(i)).unwrap();
            let t = Instant::now();
            let c = compiler.compile(&job);
            let (new_infos, svgs) = render_pages(c.pages.as_ref().expect("builds"), &cache);
            times.push(t.elapsed().as_secs_f64());
            rendered.push(new_infos.iter().filter(|p| !infos.contains(p)).count() as f64);
            infos = new_infos;
            cache = svgs;
        }
        println!(
            "| {name} | {} | {:.0} ms | {:.0} ms | {:.0} |",
            infos.len(),
            cold * 1000.0,
            median(times) * 1000.0,
            median(rendered)
        );
    }
    let _ = std::fs::remove_dir_all(&work);
}

/// The family alone at several sizes: wall, CPU per copy, data stage per copy, peak memory.
fn family_scale(vanban: &Path, sizes: &[usize], gop: bool) {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    // What one copy costs as a build of its own: the floor of an incremental rebuild.
    let one = std::env::temp_dir().join(format!("vanban-scale-{}-1", std::process::id()));
    let _ = std::fs::remove_dir_all(&one);
    generate_family_only(&one, 1, false);
    let single = median(
        (0..3)
            .map(|_| {
                run(
                    vanban,
                    &one,
                    &["build", "family", "--out", "out", "--force"],
                    false,
                )
                .wall
            })
            .collect(),
    );
    let _ = std::fs::remove_dir_all(&one);
    println!(
        "a family of one row, built on its own: {:.2} s{}\n",
        single,
        if gop {
            "; with the merged PDF (gop)"
        } else {
            ""
        }
    );
    println!("| rows | wall | CPU per copy | data stage per copy | layout + PDF per copy | peak memory | CPU stolen | one row edited: rebuilt, wall, peak memory |");
    println!("|---|---|---|---|---|---|---|---|");
    let mut per_copy = Vec::new();
    for &n in sizes {
        let work = std::env::temp_dir().join(format!("vanban-scale-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&work);
        // The family only: no unrelated documents to write.
        generate_family_only(&work, n, gop);
        let r = run(
            vanban,
            &work,
            &["build", "family", "--out", "out", "--force", "--stats"],
            false,
        );
        let phase = |name: &str| -> f64 {
            r.phases
                .split(name)
                .nth(1)
                .and_then(|t| t.split_whitespace().next())
                .and_then(|v| v.parse().ok())
                .unwrap_or(f64::NAN)
        };
        let data = phase("dữ liệu ");
        let typeset = phase("dàn trang ") + phase("xuất PDF ");
        // One row edited (a commune renamed): only its copy, and the merged file if asked,
        // is built again.
        let csv = work.join("family/xa.csv");
        let k = n / 2;
        let table = std::fs::read_to_string(&csv).unwrap();
        let edited = table.replacen(&format!(",Xã thử {k},"), &format!(",Xã thử {k} mới,"), 1);
        assert_ne!(table, edited);
        std::fs::write(&csv, edited).unwrap();
        let again = run(
            vanban,
            &work,
            &["build", "family", "--out", "out", "--stats"],
            false,
        );
        println!(
            "| {n} | {:.1} s | {:.2} ms | {:.2} ms | {:.2} ms | {:.0} MiB | {:.0} % | {:.0} of {}, {:.2} s, {:.0} MiB |",
            r.wall,
            1000.0 * r.cpu / n as f64,
            data / n as f64,
            typeset / n as f64,
            r.rss,
            100.0 * r.steal,
            again.built,
            n + usize::from(gop),
            again.wall,
            again.rss
        );
        per_copy.push((n, r.cpu / n as f64));
        let _ = std::fs::remove_dir_all(&work);
    }
    if let [.., (a, ca), (b, cb)] = per_copy.as_slice() {
        println!(
            "\nCPU per copy at {b} rows / at {a} rows: {:.2}× ({cores} cores)",
            cb / ca
        );
    }
}

fn generate_family_only(work: &Path, n: usize, gop: bool) {
    generate_family(work, n, false);
    if gop {
        let yaml = work.join("family/qd.yaml");
        let text = std::fs::read_to_string(&yaml).unwrap();
        let with = text.replacen("so_bat_dau: 1 }", "so_bat_dau: 1, gop: true }", 1);
        assert_ne!(text, with);
        std::fs::write(&yaml, with).unwrap();
    }
}

fn generate_family(work: &Path, n: usize, unrelated: bool) {
    let fam = work.join("family");
    let unrel = work.join("unrelated");
    std::fs::create_dir_all(&fam).unwrap();
    std::fs::create_dir_all(&unrel).unwrap();
    let head = "loai: quyet_dinh\nco_quan: { ban_hanh: [ỦY BAN NHÂN DÂN, TỈNH LẠNG SƠN], viet_tat: UBND }\ndia_danh: Lạng Sơn\nngay: 20/12/2019\ntham_quyen: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nnguoi_ky: { quyen_han: [KT. CHỦ TỊCH], chuc_vu: PHÓ CHỦ TỊCH, ho_ten: Nguyễn Văn Bình }\nnoi_nhan: [Như Điều 3, Thường trực Tỉnh ủy, Chủ tịch và các PCT UBND tỉnh]\n";
    let body = |xa: &str, huyen: &str, own: &dyn Fn(usize) -> String| {
        let mut y = format!("trich_yeu: Công nhận xã {xa}, {huyen} đạt chuẩn nông thôn mới năm 2019\ncan_cu:\n  - Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015\n  - Theo đề nghị của Chủ tịch Ủy ban nhân dân {huyen}\nnoi_dung:\n  - dieu: \"Công nhận xã {xa}, {huyen} đạt chuẩn nông thôn mới năm 2019.\"\n");
        for j in 0..9 {
            y.push_str(&format!("  - dieu: \"{SENTENCE}{}\"\n", own(j)));
        }
        y
    };
    let mut csv = String::from("ma,xa,huyen\n");
    for i in 0..n {
        csv.push_str(&format!("x{i:04},Xã thử {i},huyện thử {}\n", i % 11));
    }
    std::fs::write(fam.join("xa.csv"), csv).unwrap();
    std::fs::write(
        fam.join("qd.yaml"),
        format!(
            "{head}ho: {{ bang: xa.csv, ten_tep: \"qd-{{{{hang.ma}}}}\", so_bat_dau: 1 }}\n{}",
            body("{{hang.xa}}", "{{hang.huyen}}", &|_| String::new())
        ),
    )
    .unwrap();
    for i in (0..n).filter(|_| unrelated) {
        let own = move |j: usize| {
            format!(
                " (văn bản {i}, mục {j}, mã {})",
                (i * 7919 + j * 104729) % 100_003
            )
        };
        std::fs::write(
            unrel.join(format!("qd-{i:04}.yaml")),
            format!(
                "{head}so: {}\n{}",
                i + 1,
                body(
                    &format!("Xã thử {i}"),
                    &format!("huyện thử {}", i % 11),
                    &own
                )
            ),
        )
        .unwrap();
    }
}

/// Medians over 30 runs of the .docx renderer on one document: from its context alone,
/// and from the YAML file to the written .docx; and the file's size.
fn docx_timing(path: &Path, out: &Path) -> (f64, f64, usize) {
    use vanban::render::Renderer;
    let shared = vanban::world::Shared::new(vanban::templates::TemplateSet::load(None).unwrap());
    let mut report = vanban::diag::Report::default();
    let ctx = vanban::pipeline::prepare(path, &shared, &mut report)
        .expect("the bench document builds")
        .ctx;
    let renderer = vanban::render::docx::DocxRenderer;
    let (mut render, mut whole) = (Vec::new(), Vec::new());
    let mut size = 0;
    std::fs::create_dir_all(out).unwrap();
    for _ in 0..30 {
        let t = Instant::now();
        let a = renderer.render(&ctx, &mut report).expect("renders");
        render.push(t.elapsed().as_secs_f64());
        size = a.bytes.len();
        let t = Instant::now();
        let ctx = vanban::pipeline::prepare(path, &shared, &mut report)
            .unwrap()
            .ctx;
        let a = renderer.render(&ctx, &mut report).unwrap();
        std::fs::write(out.join("doc.docx"), &a.bytes).unwrap();
        whole.push(t.elapsed().as_secs_f64());
    }
    (median(render), median(whole), size)
}

struct Run {
    secs: f64,
    rss: f64,
    wall: f64,
    /// CPU seconds (user + system) the run used.
    cpu: f64,
    /// Share of the machine's CPU time the hypervisor gave to other guests meanwhile.
    steal: f64,
    /// Documents the run built (its summary's `đã dựng N`).
    built: f64,
    /// The `--stats` line of the phases (`cộng dồn: dữ liệu … ms, …`).
    phases: String,
}

/// Clock ticks of the whole machine from `/proc/stat`: (total, steal).
fn machine_ticks() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let fields: Vec<f64> = stat
        .lines()
        .next()
        .unwrap_or("")
        .split_whitespace()
        .skip(1)
        .filter_map(|v| v.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal (guest times are already in user).
    let total = fields.iter().take(8).sum();
    (total, fields.get(7).copied().unwrap_or(0.0))
}

/// CPU seconds used by this process's waited-for children so far (`/proc/self/stat`).
fn children_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesised command name; cutime and cstime are fields 16 and 17.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<f64> = rest
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    // `rest` starts at field 3 (state, not numeric, filtered out), so field n is f[n - 4].
    (f.get(12).unwrap_or(&0.0) + f.get(13).unwrap_or(&0.0)) / 100.0
}

/// Runs vanban (on core 0 only when `pin`) and reads its `--stats` line.
fn run(vanban: &Path, dir: &Path, args: &[&str], pin: bool) -> Run {
    let mut cmd = if pin {
        let mut c = Command::new("taskset");
        c.args(["-c", "0"]).arg(vanban);
        c
    } else {
        Command::new(vanban)
    };
    let (cpu0, ticks0) = (children_cpu(), machine_ticks());
    let start = Instant::now();
    let out = cmd
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run vanban");
    let wall = start.elapsed().as_secs_f64();
    let ticks = machine_ticks();
    let cpu = children_cpu() - cpu0;
    let steal = (ticks.1 - ticks0.1) / (ticks.0 - ticks0.0).max(1.0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "vanban {args:?} failed:\n{stderr}");
    let stats = stderr
        .lines()
        .find(|l| l.starts_with("thời gian "))
        .unwrap_or("");
    let num = |after: &str| -> f64 {
        stats
            .split(after)
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN)
    };
    Run {
        secs: num("thời gian "),
        rss: num("bộ nhớ cao nhất "),
        built: stderr
            .lines()
            .find_map(|l| l.strip_prefix("đã dựng "))
            .and_then(|r| r.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN),
        wall,
        cpu,
        steal,
        phases: stderr
            .lines()
            .find(|l| l.trim_start().starts_with("cộng dồn"))
            .unwrap_or("")
            .to_string(),
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

/// Average page count of the generated documents, from one of each kind.
fn pages(vanban: &Path, work: &Path) -> String {
    let mut counts = Vec::new();
    for f in ["kh-000", "tb-001", "cv-002"] {
        let out = format!("pages-{f}");
        run(
            vanban,
            work,
            &["build", &format!("data/{f}.yaml"), "--out", &out],
            false,
        );
        let info = Command::new("pdfinfo")
            .arg(work.join(&out).join(format!("{f}.pdf")))
            .output();
        if let Some(n) = info.ok().and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .find(|l| l.starts_with("Pages:"))
                .and_then(|l| {
                    l.split_whitespace()
                        .nth(1)
                        .and_then(|n| n.parse::<f64>().ok())
                })
        }) {
            counts.push(n);
        }
        let _ = std::fs::remove_dir_all(work.join(&out));
    }
    if counts.is_empty() {
        "? (pdfinfo not installed)".into()
    } else {
        format!("{:.1}", counts.iter().sum::<f64>() / counts.len() as f64)
    }
}

const SENTENCE: &str = "Tiếp tục đẩy mạnh thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới gắn với tái cơ cấu ngành nông nghiệp, nâng cao đời sống vật chất và tinh thần cho người dân khu vực nông thôn; từng bước hoàn thiện kết cấu hạ tầng kinh tế - xã hội, bảo vệ môi trường sinh thái, giữ vững quốc phòng, an ninh và trật tự xã hội.";

/// Writes the synthetic documents and the shared registry.
fn generate(work: &Path, n: usize) {
    let data = work.join("data");
    std::fs::create_dir_all(data.join("_chung")).unwrap();
    std::fs::write(
        data.join("_chung/co-quan.yaml"),
        "co_quan:\n  SNV: { ten: Sở Nội vụ, viet_tat: SNV }\n  SNN: { ten: Sở Nông nghiệp và Phát triển nông thôn, viet_tat: Sở NN&PTNT }\nso_lieu:\n  hang_so: { so_xa: 207 }\n",
    )
    .unwrap();
    for i in 0..n {
        let (kind, prefix) = match i % 3 {
            0 => ("ke_hoach", "kh"),
            1 => ("thong_bao", "tb"),
            _ => ("cong_van", "cv"),
        };
        let include = i % 2 == 0;
        let mut y = format!(
            "loai: {kind}\nco_quan: {{ chu_quan: UBND TỈNH LẠNG SƠN, ban_hanh: [SỞ NỘI VỤ], viet_tat: SNV }}\nso: {}\ndia_danh: Lạng Sơn\nngay: 05/03/2025\ntrich_yeu: Văn bản thử số {i} về triển khai nhiệm vụ năm 2025\n",
            i % 500 + 1
        );
        if kind == "cong_van" {
            y.push_str("don_vi_soan_thao: VP\nkinh_gui: [Các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố]\n");
        }
        if include {
            y.push_str("bao_gom: [_chung/co-quan.yaml]\n");
        }
        y.push_str(
            "so_lieu:\n  chi_tieu:\n    xa: { da_dat: 48, them: 12, mau_so: 207 }\nnoi_dung:\n",
        );
        let agency = if include {
            "{{cq.SNV}}"
        } else {
            "Sở Nội vụ"
        };
        for m in 1..=4 {
            y.push_str(&format!("  - muc: Nhiệm vụ nhóm {m}\n    noi_dung:\n"));
            for k in 1..=4 {
                y.push_str(&format!(
                    "      - khoan: Nội dung {k} giao {agency}\n        noi_dung:\n"
                ));
                y.push_str(&format!("          - doan: \"{SENTENCE} Năm 2025 có thêm {{{{xa.them}}}} xã, nâng tổng số lên {{{{xa.tong}}}}/{{{{xa.mau_so}}}} xã, chiếm {{{{xa.ty_le}}}}%.\"\n"));
                y.push_str(&format!("          - gach: \"{SENTENCE}\"\n"));
            }
        }
        y.push_str("nguoi_ky: { quyen_han: [KT. GIÁM ĐỐC], chuc_vu: PHÓ GIÁM ĐỐC, ho_ten: Nguyễn Văn An }\nnoi_nhan: [Như trên, UBND tỉnh]\nluu: [VT, VP]\n");
        y.push_str("phu_luc:\n  - tieu_de: Phân công nhiệm vụ\n    ngang: true\n    ma_tran:\n");
        for g in 1..=6 {
            y.push_str(&format!("      - nhom: Nhóm nhiệm vụ {g}\n        viec:\n"));
            for r in 1..=10 {
                y.push_str(&format!(
                    "          - {{ noi_dung: \"Triển khai nhiệm vụ {g}.{r} theo kế hoạch, kiểm tra, đôn đốc và báo cáo kết quả\", chi_dao: UBND tỉnh, thuc_hien: \"{agency}\", phoi_hop: \"Các sở, ngành liên quan\", thoi_gian: Quý {} }}\n",
                    r % 4 + 1
                ));
            }
        }
        std::fs::write(data.join(format!("{prefix}-{i:03}.yaml")), y).unwrap();
    }
}
