//! What differs on the clerk's Windows PC: the console's code page, a double-click from
//! Explorer, and the default browser. Elsewhere each of these is the plain behaviour.

use std::sync::atomic::{AtomicBool, Ordering};

static ANSI: AtomicBool = AtomicBool::new(!cfg!(windows));

/// Whether escape sequences (the progress line's "clear line") reach a terminal that
/// understands them; see [`init_console`].
pub fn ansi() -> bool {
    ANSI.load(Ordering::Relaxed)
}

/// Makes the console show Vietnamese and the progress line. Rust writes to a Windows console
/// through its wide-character API already; the UTF-8 code pages are for what else reads the
/// console (a redirect in `cmd.exe`, a child process), and virtual-terminal mode is what lets
/// `\r\x1b[2K` clear the progress line instead of printing as garbage.
pub fn init_console() {
    #[cfg(windows)]
    ANSI.store(windows::init_console(), Ordering::Relaxed);
}

/// Whether vanban was started by a double-click in Explorer: Windows then made a console for
/// this process alone, which closes with it. `VANBAN_EXPLORER=1` says so too, for the test
/// that runs the .exe under Wine, where no Windows console exists.
pub fn started_from_explorer() -> bool {
    if std::env::var("VANBAN_EXPLORER").as_deref() == Ok("1") {
        return true;
    }
    #[cfg(windows)]
    {
        windows::console_processes() == 1
    }
    #[cfg(not(windows))]
    {
        false
    }
}

/// Opens `url` in the default browser.
pub fn open_url(url: &str) -> std::io::Result<()> {
    #[cfg(windows)]
    {
        windows::open_url(url)
    }
    #[cfg(target_os = "macos")]
    {
        std::process::Command::new("open")
            .arg(url)
            .spawn()
            .map(drop)
    }
    #[cfg(not(any(windows, target_os = "macos")))]
    {
        std::process::Command::new("xdg-open")
            .arg(url)
            .spawn()
            .map(drop)
    }
}

/// Whether Windows takes a file name for a device (`CON`, `NUL`, `COM1` …, with any
/// extension and in any case): writing `nul.pdf` there writes nowhere. Refused or avoided on
/// every system, so that a data folder means the same on all of them.
pub fn reserved_on_windows(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_ascii_uppercase();
    matches!(
        stem.as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
    ) || (stem.len() == 4
        && (stem.starts_with("COM") || stem.starts_with("LPT"))
        && stem.as_bytes()[3].is_ascii_digit()
        && stem.as_bytes()[3] != b'0')
}

/// Waits for Enter, so that a message in a console that Explorer opened can be read before
/// the window closes with the process.
pub fn wait_for_enter() {
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}

#[cfg(windows)]
mod windows {
    use windows_sys::Win32::System::Console::{
        GetConsoleMode, GetConsoleProcessList, GetStdHandle, SetConsoleCP, SetConsoleMode,
        SetConsoleOutputCP, CONSOLE_MODE, ENABLE_VIRTUAL_TERMINAL_PROCESSING, STD_ERROR_HANDLE,
    };

    const CP_UTF8: u32 = 65001;

    pub fn init_console() -> bool {
        // SAFETY: plain Win32 calls on this process's own console handles; a failure is
        // reported by the return value and leaves the console as it was.
        unsafe {
            SetConsoleOutputCP(CP_UTF8);
            SetConsoleCP(CP_UTF8);
            let err = GetStdHandle(STD_ERROR_HANDLE);
            let mut mode: CONSOLE_MODE = 0;
            if GetConsoleMode(err, &mut mode) == 0 {
                // Not a console (a pipe, a file): nothing is drawn in place there anyway.
                return true;
            }
            mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0
                || SetConsoleMode(err, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0
        }
    }

    pub fn console_processes() -> u32 {
        let mut ids = [0u32; 4];
        // SAFETY: the buffer holds as many ids as the length passed.
        unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) }
    }

    pub fn open_url(url: &str) -> std::io::Result<()> {
        use windows_sys::Win32::UI::Shell::ShellExecuteW;
        use windows_sys::Win32::UI::WindowsAndMessaging::SW_SHOWNORMAL;
        let wide = |s: &str| s.encode_utf16().chain([0]).collect::<Vec<u16>>();
        let (verb, file) = (wide("open"), wide(url));
        // SAFETY: both strings are NUL-terminated and outlive the call.
        let code = unsafe {
            ShellExecuteW(
                std::ptr::null_mut(),
                verb.as_ptr(),
                file.as_ptr(),
                std::ptr::null(),
                std::ptr::null(),
                SW_SHOWNORMAL,
            )
        } as isize;
        // ShellExecute returns a value above 32 on success.
        if code > 32 {
            Ok(())
        } else {
            Err(std::io::Error::other(format!("ShellExecuteW: {code}")))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn windows_device_names() {
        for n in [
            "CON",
            "con",
            "Nul.yaml",
            "aux.pdf",
            "COM1",
            "lpt9.docx",
            "prn ",
        ] {
            assert!(super::reserved_on_windows(n), "{n}");
        }
        for n in [
            "CONG-VAN", "console", "COM0", "COM10", "nul-1", "xa-con", "LPT",
        ] {
            assert!(!super::reserved_on_windows(n), "{n}");
        }
    }
}
