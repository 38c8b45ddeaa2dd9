//! The message catalogue: every message of vanban (the Vietnamese text, as written at its
//! call site with [`t!`](crate::t)) and its English. A test in `i18n.rs` checks that every
//! call site has an entry here with the same placeholders, and that every entry is used.

/// (Vietnamese, English) pairs; `{name}` placeholders are filled at the call site.
pub const CATALOGUE: &[(&str, &str)] = &[
    (
        "lỗi",
        "error",
    ),
    (
        "cảnh báo",
        "warning",
    ),
    (
        "gợi ý",
        "hint",
    ),
    (
        "cảnh báo: không ghi được {file}: {e}",
        "warning: could not write {file}: {e}",
    ),
    (
        "{done}/{total} văn bản, {s} s",
        "{done}/{total} documents, {s} s",
    ),
    (
        "không tìm thấy tệp hoặc thư mục này",
        "no such file or folder",
    ),
    (
        "kiểm tra lại đường dẫn; mặc định vanban đọc thư mục data/",
        "check the path; by default vanban reads the data/ folder",
    ),
    (
        "đã xoá bản cũ {file} vì lần dựng này lỗi",
        "removed the old {file} because this build failed",
    ),
    (
        "chuẩn PDF `{name}` không có",
        "there is no PDF standard `{name}`",
    ),
    (
        "chọn một trong: {names}",
        "choose one of: {names}",
    ),
    (
        "nội dung lồng nhau quá sâu: tối đa {max} cấp ({msg})",
        "the content is nested too deeply: at most {max} levels ({msg})",
    ),
    (
        "một văn bản chỉ có vài cấp (Phần, Chương, Mục, Điều, khoản, điểm, gạch đầu dòng): kiểm tra thụt lề, có thể một khối bị thụt vào quá nhiều hoặc lặp lại",
        "a document has only a few levels (Phần, Chương, Mục, Điều, khoản, điểm, dash items): check the indentation; a block may be indented too far or repeated",
    ),
    (
        "tệp dùng quá nhiều tham chiếu YAML (`&`, `*`, `<<`) ({msg})",
        "the file uses too many YAML references (`&`, `*`, `<<`) ({msg})",
    ),
    (
        "viết thẳng nội dung thay cho tham chiếu; dùng `bao_gom` để dùng chung giữa các văn bản",
        "write the content out instead of referring to it; use `bao_gom` to share content between documents",
    ),
    (
        "tệp quá lớn để đọc: vượt giới hạn của trình đọc YAML ({msg})",
        "the file is too large to read: it exceeds a limit of the YAML reader ({msg})",
    ),
    (
        "một văn bản hành chính nhỏ hơn nhiều: kiểm tra xem có dán nhầm cả một tệp hay không, hoặc tách thành nhiều văn bản",
        "an administrative document is far smaller: check whether a whole file was pasted by mistake, or split it into several documents",
    ),
    (
        "không tìm thấy tệp `{file}` mà mẫu cần đọc (chỉ các tệp trong bộ mẫu đọc được)",
        "the file `{file}` the template reads is not there (only files of the template set can be read)",
    ),
    (
        "không đọc được một tệp mà mẫu cần",
        "a file the template needs could not be read",
    ),
    (
        "dàn trang không ổn định: số trang hoặc tham chiếu vẫn đổi sau nhiều lần dàn",
        "the layout does not settle: page numbers or references still change after several passes",
    ),
    (
        "dàn trang quá sâu: nội dung lồng nhau quá nhiều cấp",
        "the layout is too deep: the content is nested too many levels",
    ),
    (
        "mẫu dùng một phông chữ không có (vanban chỉ có Liberation Serif)",
        "the template asks for a font vanban does not have (it has Liberation Serif only)",
    ),
    (
        "lỗi trong mẫu (Typst): {m}",
        "error in the template (Typst): {m}",
    ),
    (
        "cảnh báo của Typst: {m}",
        "Typst warning: {m}",
    ),
    (
        "không có mẫu `{name}` mà mẫu này gọi đến (Tera: {e})",
        "there is no template `{name}`, which this template asks for (Tera: {e})",
    ),
    (
        "đặt tệp mẫu đó vào thư mục templates/ hoặc sửa tên trong lệnh include/import",
        "put that template file into the templates/ folder or correct the name in the include/import",
    ),
    (
        "không tìm thấy bảng `{file}`",
        "the table `{file}` is not there",
    ),
    (
        "đường dẫn tính từ thư mục của văn bản; bảng là tệp .csv, .xlsx hoặc .ods",
        "the path is relative to the document's folder; a table is a .csv, .xlsx or .ods file",
    ),
    (
        "bảng `{file}` không phải .csv, .xlsx hay .ods",
        "the table `{file}` is not a .csv, .xlsx or .ods file",
    ),
    (
        "không đọc được bảng `{file}`: {e}",
        "could not read the table `{file}`: {e}",
    ),
    (
        "tệp CSV không phải UTF-8 hay Windows-1258: trong Excel chọn Lưu thành › CSV UTF-8 (Comma delimited)",
        "the CSV file is neither UTF-8 nor Windows-1258: in Excel choose Save As › CSV UTF-8 (Comma delimited)",
    ),
    (
        "dòng {n}",
        "line {n}",
    ),
    (
        "bảng `{file}` không có trang tính `{sheet}`; có: {names}",
        "the table `{file}` has no sheet `{sheet}`; it has: {names}",
    ),
    (
        "tệp không có trang tính nào",
        "the file has no sheet",
    ),
    (
        "bảng {file} không có cột `{column}`; có: {columns}",
        "the table {file} has no column `{column}`; it has: {columns}",
    ),
    (
        "`chi_khi` cần đúng một điều kiện: `bang` (bằng) hoặc `chua` (chứa)",
        "`chi_khi` needs exactly one condition: `bang` (equals) or `chua` (contains)",
    ),
    (
        "ghi số không kèm chữ (12 chứ không phải 12 xã); bản của hàng này không được tạo",
        "write the number without words (12, not 12 xã); no copy is made for this row",
    ),
    (
        "tên tệp `{name}` của hàng “{first}” trùng hoặc trống",
        "the file name `{name}` of row “{first}” is repeated or empty",
    ),
    (
        "đưa vào `ten_tep` một cột khác nhau ở mỗi hàng, ví dụ mã hoặc tên",
        "put into `ten_tep` a column that differs on every row, such as a code or a name",
    ),
    (
        "họ văn bản không còn bản này: hàng của nó đã đổi hoặc bị lọc bỏ",
        "the family no longer has this copy: its row changed or is filtered out",
    ),
    (
        "đã xoá {file}: hàng của nó không còn trong bảng của họ văn bản",
        "removed {file}: its row is no longer in the family's table",
    ),
    (
        "{msg} (hàng “{first}”)",
        "{msg} (row “{first}”)",
    ),
    (
        "cột `{column}` cần một số, gặp “{found}”",
        "column `{column}` needs a number, found “{found}”",
    ),
    (
        "không tạo bản gộp vì bản `{name}` lỗi (xem lỗi của bản đó)",
        "the merged PDF is not made because copy `{name}` failed (see its errors)",
    ),
    (
        "không ghép được các phần của bản gộp: {e}",
        "the parts of the merged PDF could not be joined: {e}",
    ),
    (
        "không tạo được bản gộp của họ văn bản",
        "the family's merged PDF could not be made",
    ),
    (
        "tên `{name}` chỉ gồm chữ thường không dấu, số và _ (nó là tên để trích dẫn)",
        "the name `{name}` may hold only unaccented lower-case letters, digits and _ (it is the name prose cites)",
    ),
    (
        "họ văn bản cần một bảng: `bang` (tệp) hoặc `hang` (các hàng viết trong YAML)",
        "a family needs a table: `bang` (a file) or `hang` (rows written in the YAML)",
    ),
    (
        "hàng {n} của `hang`",
        "row {n} of `hang`",
    ),
    (
        "không tạo được tệp Word: {e}",
        "could not make the Word file: {e}",
    ),
    (
        "định dạng `{f}` không có; chọn pdf, docx hoặc pdf,docx",
        "there is no format `{f}`; choose pdf, docx or pdf,docx",
    ),
    (
        "chưa chọn định dạng; chọn pdf, docx hoặc pdf,docx",
        "no format chosen; choose pdf, docx or pdf,docx",
    ),
    (
        "không ghi được tệp: {e}",
        "could not write the file: {e}",
    ),
    (
        "mã Typst",
        "Typst code",
    ),
    (
        "mã Typst sinh ra (xem bằng --emit typ)",
        "generated Typst code (see it with --emit typ)",
    ),
    (
        "xuất PDF lỗi: {e}",
        "PDF export failed: {e}",
    ),
    (
        "lỗi mẫu Tera: {e}",
        "Tera template error: {e}",
    ),
    (
        "lỗi khi điền mẫu: {e}",
        "error while filling the template: {e}",
    ),
    (
        "vanban không dùng gói (package) Typst",
        "vanban does not use Typst packages",
    ),
    (
        "lỗi: không đọc được thư mục mẫu {dir}: {e}",
        "error: cannot read the templates folder {dir}: {e}",
    ),
    (
        "đã dựng {built} văn bản, {unchanged} không đổi, {failed} lỗi, {warnings} cảnh báo",
        "built {built} documents, {unchanged} unchanged, {failed} errors, {warnings} warnings",
    ),
    (
        "đã kiểm tra {built} văn bản, {failed} lỗi, {warnings} cảnh báo",
        "checked {built} documents, {failed} errors, {warnings} warnings",
    ),
    (
        "(các văn bản không đổi có {n} cảnh báo từ lần dựng trước: xem bằng `vanban check`)",
        "(the unchanged documents had {n} warnings at their last build: see them with `vanban check`)",
    ),
    (
        "lỗi: {file} đã có; chọn tên tệp khác để không ghi đè",
        "error: {file} exists already; choose another file name so that nothing is overwritten",
    ),
    (
        "đã tạo {file}; sửa nội dung rồi chạy: vanban build {file}",
        "created {file}; edit it, then run: vanban build {file}",
    ),
    (
        "lỗi: không ghi được {file}: {e}",
        "error: cannot write {file}: {e}",
    ),
    (
        "đã ghi {file}",
        "wrote {file}",
    ),
    (
        "thời gian {s} s, bộ nhớ cao nhất {rss}",
        "time {s} s, peak memory {rss}",
    ),
    (
        "cộng dồn: dữ liệu {load} ms, mã Typst {typ} ms, dàn trang {layout} ms, xuất PDF {pdf} ms, Word {docx} ms",
        "summed: data {load} ms, Typst source {typ} ms, layout {layout} ms, PDF export {pdf} ms, Word {docx} ms",
    ),
    (
        "lỗi: không theo dõi được thư mục: {e}",
        "error: cannot watch the folder: {e}",
    ),
    (
        "lỗi: không theo dõi được {file}: {e}",
        "error: cannot watch {file}: {e}",
    ),
    (
        "đang theo dõi {paths} (Ctrl+C để dừng)",
        "watching {paths} (Ctrl+C to stop)",
    ),
    (
        "không đọc được tệp: {e}",
        "cannot read the file: {e}",
    ),
    (
        "tệp không phải văn bản UTF-8: có byte không đọc được ở đây",
        "the file is not UTF-8 text: there is an unreadable byte here",
    ),
    (
        "lưu lại tệp với bảng mã UTF-8 (Unicode); văn bản gõ bằng bảng mã TCVN3/VNI phải chuyển sang Unicode",
        "save the file again as UTF-8 (Unicode); text typed in the TCVN3 or VNI encodings must be converted to Unicode",
    ),
    (
        "tệp trống: chưa có nội dung văn bản",
        "empty file: there is no document in it yet",
    ),
    (
        "bắt đầu từ một văn bản mẫu trong data/, bằng `vanban new`, hoặc xem README",
        "start from a sample in data/, from `vanban new`, or see the README",
    ),
    (
        "có phải `{s}`?",
        "did you mean `{s}`?",
    ),
    (
        "xoá trường này hoặc xem các trường hợp lệ trong README",
        "remove this field, or see the valid fields in the README",
    ),
    (
        "trường `{field}` không có trong mẫu văn bản ({msg})",
        "there is no field `{field}` in the document format ({msg})",
    ),
    (
        "thiếu trường bắt buộc `{field}`",
        "the required field `{field}` is missing",
    ),
    (
        "thêm dòng `{field}: …` vào văn bản",
        "add a line `{field}: …` to the document",
    ),
    (
        "`loai` là một loại văn bản của Nghị định 30 (bảng trong README: quyet_dinh, ke_hoach, bao_cao, cong_van …); `do_khan` là khan, thuong_khan hoặc hoa_toc",
        "`loai` is a document type of Decree 30 (table in the README: quyet_dinh, ke_hoach, bao_cao, cong_van …); `do_khan` is khan, thuong_khan or hoa_toc",
    ),
    (
        "giá trị `{value}` không hợp lệ ({msg})",
        "`{value}` is not a valid value ({msg})",
    ),
    (
        "trường `{key}` được ghi hai lần",
        "the field `{key}` is written twice",
    ),
    (
        "giữ một dòng, xoá dòng còn lại",
        "keep one line and delete the other",
    ),
    (
        "cần một danh sách ({msg})",
        "a list is needed here ({msg})",
    ),
    (
        "viết mỗi phần tử trên một dòng, bắt đầu bằng `- `, thụt vào dưới tên trường",
        "write each item on its own line starting with `- `, indented under the field name",
    ),
    (
        "lỗi cú pháp YAML: dấu `: ` nằm giữa một đoạn chữ ({msg})",
        "YAML syntax error: a `: ` inside a piece of text ({msg})",
    ),
    (
        "đặt cả đoạn chữ trong dấu ngoặc kép \"…\" hoặc viết nó dưới dạng `>-` trên các dòng sau",
        "put the whole text in double quotes \"…\" or write it as `>-` on the following lines",
    ),
    (
        "lỗi cú pháp YAML: dấu ngoặc kép chưa đóng ({msg})",
        "YAML syntax error: a double quote is not closed ({msg})",
    ),
    (
        "đóng dấu \" ở cuối giá trị, ở dòng này hoặc dòng ngay trên",
        "close the \" at the end of the value, on this line or the line above",
    ),
    (
        "cần một chuỗi chữ, không phải danh sách hay nhóm trường ({msg})",
        "a piece of text is needed here, not a list or a group of fields ({msg})",
    ),
    (
        "viết giá trị trên cùng dòng; nhiều dòng thì dùng `|` và viết mỗi dòng thụt vào bên dưới",
        "write the value on the same line; for several lines write `|` and each line indented below",
    ),
    (
        "sai kiểu dữ liệu ({msg})",
        "wrong kind of value ({msg})",
    ),
    (
        "trường này cần kiểu khác: một số (5), một chuỗi chữ, hoặc một danh sách (- …) như ví dụ trong README",
        "this field needs another kind of value: a number (5), a piece of text, or a list (- …), as in the README's examples",
    ),
    (
        "lỗi cú pháp YAML ({msg})",
        "YAML syntax error ({msg})",
    ),
    (
        "YAML không cho phép ký tự Tab để thụt lề: dùng dấu cách",
        "YAML does not allow Tab characters for indentation: use spaces",
    ),
    (
        "lỗi cú pháp YAML: {msg}",
        "YAML syntax error: {msg}",
    ),
    (
        "kiểm tra thụt lề và dấu `:` ở dòng này hoặc dòng ngay trên",
        "check the indentation and the `:` on this line or the line above",
    ),
    (
        "`{k}.da_dat` là số âm ({base}); số xã, số đơn vị không thể âm",
        "`{k}.da_dat` is negative ({base}); a number of communes or units cannot be negative",
    ),
    (
        "`{k}.da_dat` = {base}: số xã, số đơn vị phải là số nguyên",
        "`{k}.da_dat` = {base}: a number of communes or units must be whole",
    ),
    (
        "`{k}.them` là số âm ({added}); số thêm trong năm không thể âm",
        "`{k}.them` is negative ({added}); the number added in the year cannot be negative",
    ),
    (
        "mẫu số của `{k}` bằng 0: không tính được tỷ lệ",
        "the denominator of `{k}` is 0: no share can be computed",
    ),
    (
        "`{k}`: tổng {total} lớn hơn mẫu số {den_value}",
        "`{k}`: the total {total} is larger than the denominator {den_value}",
    ),
    (
        "nhóm `{k}.{g}` là số âm ({v})",
        "the group `{k}.{g}` is negative ({v})",
    ),
    (
        "các nhóm của `{k}` cộng lại được {sum}, không bằng mẫu số {den_value}",
        "the groups of `{k}` add up to {sum}, not to the denominator {den_value}",
    ),
    (
        "nhóm `{value}: {n}` của `{k}`: giá trị phải là số, số đơn vị không âm",
        "group `{value}: {n}` of `{k}`: the value must be a number and the count of units not negative",
    ),
    (
        "bình quân `{k}` không có đơn vị nào: không tính được",
        "the average `{k}` has no units: it cannot be computed",
    ),
    (
        "`{k}`: kế hoạch ({plan}) và thực hiện ({done}) không thể âm",
        "`{k}`: the plan ({plan}) and the result ({done}) cannot be negative",
    ),
    (
        "kế hoạch của `{k}` bằng 0: không tính được tỷ lệ thực hiện",
        "the plan of `{k}` is 0: no rate of achievement can be computed",
    ),
    (
        "số liệu `{name}` có ở hai tệp bao gồm",
        "the figure `{name}` is in two included files",
    ),
    (
        "số tiền `{k}.{l}.{s}` là số âm",
        "the amount `{k}.{l}.{s}` is negative",
    ),
    (
        "dòng `{k}.{l}`: chỉ một dòng được là phần còn lại, và dòng đó không ghi số tiền",
        "line `{k}.{l}`: only one line may be the remainder, and it states no amount",
    ),
    (
        "dòng vốn `{k}.{l}` không có `so_tien`, `con_lai` hay dòng con",
        "the funding line `{k}.{l}` has no `so_tien`, `con_lai` or sub-lines",
    ),
    (
        "số tiền `{k}.{l}` là số âm",
        "the amount `{k}.{l}` is negative",
    ),
    (
        "`{k}` có dòng còn lại nhưng không có `tong_ghi` để tính",
        "`{k}` has a remainder line but no `tong_ghi` to compute it from",
    ),
    (
        "các dòng của `{k}` đã vượt tổng ghi: phần còn lại `{name}` âm",
        "the lines of `{k}` exceed the stated total: the remainder `{name}` is negative",
    ),
    (
        "tổng nguồn vốn `{k}` bằng 0: không tính được tỷ lệ",
        "the funding total `{k}` is 0: no share can be computed",
    ),
    (
        "không có số liệu tên `{name}`",
        "there is no figure named `{name}`",
    ),
    (
        "không có cơ quan mã `{code}` trong danh mục cơ quan (tệp `bao_gom`)",
        "there is no agency with the code `{code}` in the agency registry (the `bao_gom` files)",
    ),
    (
        "không có số liệu tên `{name}` để trích dẫn",
        "there is no figure named `{name}` to cite",
    ),
    (
        "có phải `{sug}`? Tên số liệu được liệt kê trong README, mục Số liệu",
        "did you mean `{sug}`? The names of figures are listed in the README, section Figures",
    ),
    (
        "`{k}.tong_ghi` ghi {stated} nhưng đã đạt {base} + thêm {added} = {total}",
        "`{k}.tong_ghi` states {stated} but reached {base} + added {added} = {total}",
    ),
    (
        "sửa số đã đạt hoặc số thêm, hoặc xoá `tong_ghi` để vanban tự tính",
        "correct the reached or the added number, or delete `tong_ghi` and let vanban compute it",
    ),
    (
        "kiểm tra lại số của từng nhóm: mỗi đơn vị phải thuộc đúng một nhóm",
        "check each group's number: every unit must be in exactly one group",
    ),
    (
        "kiểm tra tên số liệu kế hoạch, hoặc bỏ chỉ tiêu này khỏi `thuc_hien`",
        "check the name of the planned figure, or remove this target from `thuc_hien`",
    ),
    (
        "{what} vòng tròn: `{file}` dẫn ngược lại văn bản này",
        "circular {what}: `{file}` leads back to this document",
    ),
    (
        "bỏ một trong hai tham chiếu: các tệp không được dẫn vòng lẫn nhau",
        "remove one of the two references: files must not refer to each other in a circle",
    ),
    (
        "không đọc được tệp {what} `{file}`",
        "cannot read the {what} file `{file}`",
    ),
    (
        "đường dẫn tính từ thư mục của tệp đang viết",
        "paths are relative to the folder of the file being written",
    ),
    (
        "bao gồm",
        "included",
    ),
    (
        "kế thừa",
        "inherited",
    ),
    (
        "dòng `{k}.{l}` ghi {stated} nhưng các dòng con cộng lại được {sum}",
        "line `{k}.{l}` states {stated} but its sub-lines add up to {sum}",
    ),
    (
        "tổng nguồn vốn `{k}` ghi {stated} nhưng các dòng cộng lại được {sum}",
        "the funding total `{k}` states {stated} but the lines add up to {sum}",
    ),
    (
        "sửa số tiền của các dòng hoặc tổng ghi",
        "correct the amounts of the lines or the stated total",
    ),
    (
        "`{value}` không phải là một số",
        "`{value}` is not a number",
    ),
    (
        "tỷ lệ ghi {stated}% khác tỷ lệ tính được {rounded}% (`{name}` = {exact}%, làm tròn {decimals} chữ số thập phân)",
        "the stated share {stated}% differs from the computed {rounded}% (`{name}` = {exact}%, rounded to {decimals} decimals)",
    ),
    (
        "văn bản in tỷ lệ tính được; xoá `ty_le_ghi` khi đã đối chiếu xong",
        "the document prints the computed share; delete `ty_le_ghi` once checked",
    ),
    (
        "khai báo số liệu trong `so_lieu` hoặc sửa tên; danh sách tên có trong README, mục Số liệu",
        "declare the figure in `so_lieu` or correct the name; the list of names is in the README, section Figures",
    ),
    (
        "chia thành nhiều đoạn (`doan`); một đoạn dài như vậy thường là do dán nhầm cả một tệp",
        "split it into several paragraphs (`doan`); a paragraph this long is usually a whole file pasted by mistake",
    ),
    (
        "xoá ký tự này (thường do sao chép từ tệp khác)",
        "delete this character (it usually comes from copying from another file)",
    ),
    (
        "thay bằng ký tự khác; văn bản hành chính chỉ dùng chữ Việt Unicode (TCVN 6909:2001)",
        "use another character; administrative documents use Vietnamese Unicode letters only (TCVN 6909:2001)",
    ),
    (
        "mỗi tên phải là một mục của `so_lieu.thuc_hien`",
        "each name must be an entry of `so_lieu.thuc_hien`",
    ),
    (
        "không có kết quả thực hiện tên `{k}`",
        "there is no result named `{k}`",
    ),
    (
        "một phần tử vừa là `bang_ket_qua` vừa là phần văn bản khác",
        "one item is both `bang_ket_qua` and another part of the text",
    ),
    (
        "tách thành hai phần tử, mỗi phần tử bắt đầu bằng `- `",
        "split it into two items, each starting with `- `",
    ),
    (
        "một phần tử của `noi_dung` không có nội dung",
        "an item of `noi_dung` has no content",
    ),
    (
        "mỗi phần tử cần đúng một trong: chuong, muc, dieu, khoan, diem, gach, cong, doan, bang_ket_qua",
        "each item needs exactly one of: chuong, muc, dieu, khoan, diem, gach, cong, doan, bang_ket_qua",
    ),
    (
        "`{level}` không thể nằm trong `{p}` (lồng quá sâu hoặc sai cấp)",
        "`{level}` cannot be inside `{p}` (nested too deep or at the wrong level)",
    ),
    (
        "`{level}` không thể đứng ở cấp ngoài cùng",
        "`{level}` cannot be at the outermost level",
    ),
    (
        "thứ tự cấp: chuong (Chương I) → muc (Mục 1) → dieu (Điều 1.) → khoan (1.) → diem (a))",
        "the order of levels: chuong (Chương I) → muc (Mục 1) → dieu (Điều 1.) → khoan (1.) → diem (a))",
    ),
    (
        "thứ tự cấp: muc (I.) → khoan (1.) → diem (a)) → gach (-) → cong (+)",
        "the order of levels: muc (I.) → khoan (1.) → diem (a)) → gach (-) → cong (+)",
    ),
    (
        "quá 23 điểm trong một khoản: ký hiệu điểm lặp chữ (aa), bb) …)",
        "more than 23 điểm in one khoản: the markers repeat letters (aa), bb) …)",
    ),
    (
        "một đoạn văn (`doan`) không có phần tử con",
        "a paragraph (`doan`) has no children",
    ),
    (
        "đưa các phần tử con ra cùng cấp với đoạn văn",
        "move the children out to the paragraph's level",
    ),
    (
        "ngày `{s}` không đúng dạng ngày/tháng/năm, ví dụ 05/02/2019",
        "the date `{s}` is not in day/month/year form, e.g. 05/02/2019",
    ),
    (
        "năm `{y}` không phải là số",
        "the year `{y}` is not a number",
    ),
    (
        "năm {year} không hợp lệ (cần 4 chữ số)",
        "the year {year} is not valid (4 digits are needed)",
    ),
    (
        "tháng `{m}` không phải là số",
        "the month `{m}` is not a number",
    ),
    (
        "tháng {m} không có (chỉ từ 1 đến 12)",
        "there is no month {m} (only 1 to 12)",
    ),
    (
        "ngày `{d}` không phải là số",
        "the day `{d}` is not a number",
    ),
    (
        "ngày {d}/{m}/{year} không có (tháng {m} năm {year} có {max} ngày)",
        "there is no day {d}/{m}/{year} (month {m} of {year} has {max} days)",
    ),
    (
        "ngày {d} không hợp lệ",
        "the day {d} is not valid",
    ),
    (
        "có ngày nhưng để trống tháng",
        "the day is given but the month is blank",
    ),
    (
        "chọn một giá trị từ {lo} đến {hi}",
        "choose a value from {lo} to {hi}",
    ),
    (
        "thiếu tên cơ quan ban hành (`co_quan.ban_hanh`)",
        "the issuing agency's name is missing (`co_quan.ban_hanh`)",
    ),
    (
        "chữ viết tắt cơ quan `{agency}` không hợp lệ",
        "the agency abbreviation `{agency}` is not valid",
    ),
    (
        "viết liền, không dấu cách, ví dụ UBND, SNV, VPĐP",
        "write it in one piece without spaces, e.g. UBND, SNV, VPĐP",
    ),
    (
        "văn bản có tên loại không ghi đơn vị soạn thảo trong ký hiệu (`{abbr}-{agency}-{u}`)",
        "a document with a tên loại has no drafting unit in its ký hiệu (`{abbr}-{agency}-{u}`)",
    ),
    (
        "xoá `don_vi_soan_thao`; chỉ công văn mới có dạng UBND-VP",
        "delete `don_vi_soan_thao`; only a công văn has the form UBND-VP",
    ),
    (
        "số văn bản bắt đầu từ 01",
        "document numbers start at 01",
    ),
    (
        "bỏ trường `so` để để trống số",
        "leave out the `so` field to keep the number blank",
    ),
    (
        "ghi ngày dạng 05/02/2019; để trống ngày khi chưa ký: ../02/2019",
        "write the date as 05/02/2019; leave the day blank before signing: ../02/2019",
    ),
    (
        "{kind} cần trích yếu (`trich_yeu`)",
        "a {kind} needs a trích yếu (`trich_yeu`)",
    ),
    (
        "thêm dòng `trich_yeu: …` tóm tắt nội dung văn bản",
        "add a line `trich_yeu: …` summing up the document",
    ),
    (
        "trích yếu công văn đã có `V/v`: vanban tự thêm, sẽ bị lặp",
        "the công văn's trích yếu already has `V/v`: vanban adds it, so it would be printed twice",
    ),
    (
        "bỏ `V/v` ở đầu `trich_yeu`",
        "remove the `V/v` at the start of `trich_yeu`",
    ),
    (
        "công văn chưa có `kinh_gui`",
        "the công văn has no `kinh_gui` yet",
    ),
    (
        "thêm danh sách nơi nhận chính: kinh_gui: [Ủy ban nhân dân các huyện]",
        "add the main recipients: kinh_gui: [Ủy ban nhân dân các huyện]",
    ),
    (
        "{kind} chưa có Điều nào (`dieu`)",
        "the {kind} has no Điều yet (`dieu`)",
    ),
    (
        "nội dung sau dòng QUYẾT ĐỊNH: gồm các Điều: `- dieu: …`",
        "the content after QUYẾT ĐỊNH: is made of Điều: `- dieu: …`",
    ),
    (
        "có số bản phát hành nhưng thiếu ký hiệu người soạn thảo",
        "the number of copies is given but not the drafter's code",
    ),
    (
        "thêm `nguoi_soan: …` (chữ in hoa, ví dụ PL)",
        "add `nguoi_soan: …` (capital letters, e.g. PL)",
    ),
    (
        "ma trận của phụ lục có {rows} dòng, quá giới hạn {MAX_ROWS}",
        "the annex's matrix has {rows} rows, over the limit of {MAX_ROWS}",
    ),
    (
        "tách thành nhiều phụ lục; một bảng dài như vậy thường là do dán nhầm dữ liệu",
        "split it into several annexes; a table this long is usually data pasted by mistake",
    ),
    (
        "{what} cần tên cơ quan viết trong câu (`co_quan.ten`)",
        "a {what} needs the agency's name as written in a sentence (`co_quan.ten`)",
    ),
    (
        "thêm `ten: Ủy ban nhân dân tỉnh …` vào `co_quan`",
        "add `ten: Ủy ban nhân dân tỉnh …` to `co_quan`",
    ),
    (
        "giấy mời chưa ghi người được mời (`kinh_gui`)",
        "the giấy mời names no invitees (`kinh_gui`)",
    ),
    (
        "thêm `kinh_gui: [Ông (bà) …]` hoặc danh sách các cơ quan được mời",
        "add `kinh_gui: [Ông (bà) …]` or the list of invited agencies",
    ),
    (
        "giờ kết thúc không sau giờ bắt đầu",
        "the end is not after the start",
    ),
    (
        "kiểm tra lại giờ, ngày của `bat_dau` và `ket_thuc`",
        "check the times and dates of `bat_dau` and `ket_thuc`",
    ),
    (
        "biên bản cần giờ kết thúc (`ket_thuc`)",
        "a biên bản needs the end time (`ket_thuc`)",
    ),
    (
        "thêm `ket_thuc: \"11:30\"` (cùng ngày) hoặc `\"11:30 16/06/2020\"`",
        "add `ket_thuc: \"11:30\"` (same day) or `\"11:30 16/06/2020\"`",
    ),
    (
        "giấy hết giá trị trước ngày ban hành",
        "the paper expires before the day it is issued",
    ),
    (
        "ghi ngày hết giá trị sau `ngay` của giấy",
        "give an expiry date after the paper's `ngay`",
    ),
    (
        "ngày nghỉ cuối trước ngày nghỉ đầu",
        "the last day of leave is before the first",
    ),
    (
        "kiểm tra `tu_ngay` và `den_ngay`",
        "check `tu_ngay` and `den_ngay`",
    ),
    (
        "chọn 14 (bộ 13/14/14) hoặc 13 (bộ 12/13/13)",
        "choose 14 (sizes 13/14/14) or 13 (sizes 12/13/13)",
    ),
    (
        "chọn 1 hoặc 1.27",
        "choose 1 or 1.27",
    ),
    (
        "dòng quyền hạn `{q}` không bắt đầu bằng TM., KT., TL., TUQ. hoặc Q.",
        "the quyền hạn line `{q}` does not start with TM., KT., TL., TUQ. or Q.",
    ),
    (
        "chức vụ của người ký ghi ở `chuc_vu`",
        "the signer's own title goes in `chuc_vu`",
    ),
    (
        "ghi giờ dạng 11:30 (cùng ngày) hoặc 11:30 16/06/2020",
        "write the time as 11:30 (same day) or 11:30 16/06/2020",
    ),
    (
        "ghi giờ và ngày dạng 08:00 15/06/2020",
        "write the time and date as 08:00 15/06/2020",
    ),
    (
        "không đọc được thời gian `{text}`",
        "cannot read the time `{text}`",
    ),
    (
        "ngày `{date}` không có",
        "there is no date `{date}`",
    ),
    (
        "ngày `{date}` cần đủ ngày, tháng, năm",
        "the date `{date}` needs a day, a month and a year",
    ),
    (
        "ghi ngày dạng 05/02/2019",
        "write the date as 05/02/2019",
    ),
    (
        "`{field}` không dùng cho {kind}",
        "`{field}` does not belong in a {kind}",
    ),
    (
        "`{field}` chỉ dùng cho {only}; xoá trường này hoặc đổi `loai`",
        "`{field}` is only for {only}; delete this field or change `loai`",
    ),
    (
        "{name} cần `{field}`",
        "a {name} needs `{field}`",
    ),
    (
        "thêm {example}",
        "add {example}",
    ),
    (
        "giấy mời và biên bản",
        "giấy mời and biên bản",
    ),
    (
        "`cuoc_hop:` với `bat_dau`, `dia_diem`",
        "`cuoc_hop:` with `bat_dau`, `dia_diem`",
    ),
    (
        "giấy giới thiệu",
        "giấy giới thiệu",
    ),
    (
        "`gioi_thieu:` với `ho_ten`, `chuc_vu`, `cu_den`, `ve_viec`, `gia_tri_den`",
        "`gioi_thieu:` with `ho_ten`, `chuc_vu`, `cu_den`, `ve_viec`, `gia_tri_den`",
    ),
    (
        "giấy nghỉ phép",
        "giấy nghỉ phép",
    ),
    (
        "`nghi_phep:` với `nguoi_cap`, `ho_ten`, `chuc_vu`, `tu_ngay`, `den_ngay`, `noi_nghi`",
        "`nghi_phep:` with `nguoi_cap`, `ho_ten`, `chuc_vu`, `tu_ngay`, `den_ngay`, `noi_nghi`",
    ),
    (
        "quyết định, nghị quyết và công điện",
        "quyết định, nghị quyết and công điện",
    ),
    (
        "`tham_quyen: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …` (người hoặc cơ quan có thẩm quyền ban hành)",
        "`tham_quyen: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …` (the person or body with the power to issue it)",
    ),
    (
        "biên bản, hợp đồng, bản ghi nhớ và bản thỏa thuận",
        "biên bản, hợp đồng, bản ghi nhớ and bản thỏa thuận",
    ),
    (
        "`dong_ky:` với `chuc_vu: THƯ KÝ` và `ho_ten` của người ghi biên bản",
        "`dong_ky:` with `chuc_vu: THƯ KÝ` and the `ho_ten` of the person taking the minutes",
    ),
    (
        "quyết định (Mẫu 1.3)",
        "quyết định (Mẫu 1.3)",
    ),
    (
        "{kind} không ban hành kèm theo quyết định được",
        "a {kind} cannot be issued with a quyết định",
    ),
    (
        "văn bản kèm theo thường là quy_che, quy_dinh, huong_dan, chuong_trinh, ke_hoach, de_an",
        "the attached text is usually quy_che, quy_dinh, huong_dan, chuong_trinh, ke_hoach, de_an",
    ),
    (
        "đoạn chữ dài {n} ký tự, quá giới hạn {max}",
        "the text is {n} characters long, over the limit of {max}",
    ),
    (
        "ký tự điều khiển U+{code} không in được",
        "the control character U+{code} cannot be printed",
    ),
    (
        "phông chữ Liberation Serif không có ký tự `{c}` (U+{code})",
        "the Liberation Serif font has no character `{c}` (U+{code})",
    ),
    (
        "một phần tử vừa là `{first}` vừa là `{second}`",
        "one item is both `{first}` and `{second}`",
    ),
    (
        "`{name}` = {value} nằm ngoài khoảng Nghị định 30 cho phép ({lo}–{hi} {what})",
        "`{name}` = {value} is outside the range Decree 30 allows ({lo}–{hi} {what})",
    ),
    (
        "cỡ chữ {size} không thuộc bộ cỡ chữ của Nghị định 30",
        "the size {size} is not in a size set of Decree 30",
    ),
    (
        "thụt đầu dòng {cm} cm không đúng quy định",
        "a first-line indent of {cm} cm is not allowed",
    ),
    (
        "không đọc được tệp: {e}",
        "could not read the file: {e}",
    ),
    (
        "kiểm tra lại đường dẫn",
        "check the path",
    ),
    (
        "tệp rỗng: không có gì để nhập",
        "the file is empty: nothing to import",
    ),
    (
        "chọn tệp .docx hoặc tệp văn bản (.txt) có nội dung văn bản",
        "choose a .docx file or a text file (.txt) holding a document",
    ),
    (
        "tệp không phải là tệp Word .docx (hoặc đã hỏng)",
        "the file is not a Word .docx file (or it is damaged)",
    ),
    (
        "mở tệp bằng Word và lưu lại dưới dạng Word Document (.docx); tệp .doc cũ cũng cần lưu lại thành .docx",
        "open the file in Word and save it as a Word Document (.docx); an old .doc file must also be saved as .docx",
    ),
    (
        "tệp .docx có phần {part} lớn quá {mib} MiB khi giải nén: không đọc",
        "a part of the .docx file, {part}, unpacks to more than {mib} MiB: not read",
    ),
    (
        "tệp Word thật chỉ vài MiB; mở tệp bằng Word, lưu lại thành .docx rồi nhập lại",
        "real Word files are a few MiB; open the file in Word, save it again as .docx and import that",
    ),
    (
        "tệp Word 97–2003 (.doc): cần LibreOffice để đọc, máy này không có lệnh soffice",
        "a Word 97–2003 file (.doc): reading it needs LibreOffice, and this machine has no soffice command",
    ),
    (
        "mở tệp bằng Word, chọn File > Save As > Word Document (.docx), rồi nhập tệp .docx; hoặc cài LibreOffice",
        "open the file in Word, choose File > Save As > Word Document (.docx) and import the .docx; or install LibreOffice",
    ),
    (
        "tệp Word 97–2003 (.doc) không chuyển được sang .docx: {why}",
        "the Word 97–2003 file (.doc) could not be converted to .docx: {why}",
    ),
    (
        "mở tệp bằng Word, chọn File > Save As > Word Document (.docx), rồi nhập tệp .docx",
        "open the file in Word, choose File > Save As > Word Document (.docx) and import the .docx",
    ),
    (
        "LibreOffice không chuyển xong sau {s} giây",
        "LibreOffice did not finish converting within {s} seconds",
    ),
    (
        "LibreOffice không chuyển được tệp",
        "LibreOffice could not convert the file",
    ),
    (
        "chỗ trống cần điền: văn bản gốc không có phần này, in thành dòng chấm",
        "a blank to fill in: the original document lacks this part; it prints as a dotted line",
    ),
    (
        "thay `{{...}}` bằng nội dung thật trước khi ban hành",
        "replace `{{...}}` with the real text before the document is issued",
    ),
    (
        "tên loại `{written}` không bắt đầu bằng {name}",
        "the document type `{written}` does not begin with {name}",
    ),
    (
        "sửa `ten_loai` hoặc `loai` cho khớp nhau",
        "make `ten_loai` and `loai` agree",
    ),
    (
        "công văn không có tên loại (`ten_loai`)",
        "a công văn has no document type line (`ten_loai`)",
    ),
    (
        "xoá `ten_loai`",
        "remove `ten_loai`",
    ),
    (
        "{name} là văn bản quy phạm pháp luật: vanban chỉ nhập văn bản hành chính (Điều 7 Nghị định 30/2020/NĐ-CP)",
        "a {name} is a legal normative document: vanban imports administrative documents only (Article 7 of Decree 30/2020/NĐ-CP)",
    ),
    (
        "văn bản quy phạm pháp luật có thể thức riêng; chọn một văn bản hành chính (quyết định, kế hoạch, công văn…)",
        "legal normative documents have a layout of their own; choose an administrative document (quyết định, kế hoạch, công văn…)",
    ),
    (
        "biên bản, hợp đồng, bản ghi nhớ và bản thỏa thuận có `dong_ky`",
        "biên bản, hợp đồng, bản ghi nhớ and bản thỏa thuận that have `dong_ky`",
    ),
    (
        "tệp .docx bị hỏng: phần nội dung không đọc được ({e})",
        "the .docx file is damaged: its content cannot be read ({e})",
    ),
    (
        "mở tệp bằng Word và lưu lại dưới dạng Word Document (.docx)",
        "open the file in Word and save it as a Word Document (.docx)",
    ),
    (
        "tệp không phải văn bản thuần (có thể là tệp .doc cũ hoặc PDF)",
        "the file is not plain text (perhaps an old .doc file or a PDF)",
    ),
    (
        "với Word: lưu lại thành .docx; với PDF: lấy chữ bằng `pdftotext tệp.pdf tệp.txt`",
        "from Word: save it as .docx; from a PDF: extract the text with `pdftotext file.pdf file.txt`",
    ),
    (
        "không nhận ra văn bản: không có tên loại (KẾ HOẠCH, QUYẾT ĐỊNH…), dòng Số: hay Kính gửi",
        "no document recognised: no document type (KẾ HOẠCH, QUYẾT ĐỊNH…), no Số: line and no Kính gửi",
    ),
    (
        "vanban nhập văn bản hành chính theo Nghị định 30/2020/NĐ-CP; kiểm tra tệp có phần đầu văn bản",
        "vanban imports administrative documents of Decree 30/2020/NĐ-CP; check that the file has a document header",
    ),
    (
        "không nhận ra văn bản: không có phần đầu văn bản nào",
        "no document recognised: there is no part of a document header",
    ),
    (
        "lỗi: {file} đã có; chọn tệp khác bằng -o, hoặc thêm --force để ghi đè",
        "error: {file} already exists; choose another file with -o, or add --force to overwrite it",
    ),
    (
        "{file}:{line}: xem lại: {text}",
        "{file}:{line}: look at: {text}",
    ),
    (
        "{file}: thiếu: {text}",
        "{file}: missing: {text}",
    ),
    (
        "đã ghi {out}: {n} điều cần xem lại, {f} tỷ lệ đưa vào so_lieu; kiểm tra bằng: vanban check {out}",
        "wrote {out}: {n} things to look at, {f} shares put in so_lieu; check it with: vanban check {out}",
    ),
    // vanban serve: the server and the page in the browser.
    (
        "Chọn một văn bản ở bên trái.",
        "Pick a document on the left.",
    ),
    (
        "Cách tính",
        "How it is computed",
    ),
    (
        "Có thay đổi chưa lưu.",
        "There are unsaved changes.",
    ),
    (
        "Cảnh báo",
        "Warnings",
    ),
    (
        "Giá trị",
        "Value",
    ),
    (
        "Không lưu được:",
        "Could not save:",
    ),
    (
        "Không tạo được:",
        "Could not create:",
    ),
    (
        "Loại",
        "Kind",
    ),
    (
        "Lưu",
        "Save",
    ),
    (
        "Lỗi — văn bản chưa dựng được lần nào",
        "Errors — the document has not built yet",
    ),
    (
        "Lỗi — đang hiện bản dựng tốt gần nhất",
        "Errors — showing the last good build",
    ),
    (
        "Số liệu tính được",
        "Computed figures",
    ),
    (
        "Sửa YAML",
        "Edit YAML",
    ),
    (
        "Trang",
        "Page",
    ),
    (
        "Trích dẫn trong văn bản bằng {{tên}}; bấm vào tên để chép.",
        "Cite them in the text as {{tên}}; click a name to copy it.",
    ),
    (
        "Tên",
        "Name",
    ),
    (
        "Tên tệp (không dấu cách)",
        "File name (no spaces)",
    ),
    (
        "Tạo",
        "Create",
    ),
    (
        "Tải PDF",
        "Download PDF",
    ),
    (
        "Tải Word (.docx)",
        "Download Word (.docx)",
    ),
    (
        "Tệp đã đổi trên đĩa từ khi mở nên không lưu đè. Chép lại phần cần giữ, bấm Đóng hai lần để bỏ bản đang sửa, rồi mở lại.",
        "The file changed on disk since it was opened, so it was not overwritten. Copy what you want to keep, click Close twice to drop your edits, and open it again.",
    ),
    (
        "Có thay đổi chưa lưu: bấm Đóng lần nữa để bỏ chúng.",
        "There are unsaved changes: click Close again to drop them.",
    ),
    (
        "Văn bản",
        "Documents",
    ),
    (
        "Văn bản mới",
        "New document",
    ),
    (
        "Văn bản này không có số liệu tính.",
        "This document computes no figures.",
    ),
    (
        "bấm để xem dòng này",
        "click to show this line",
    ),
    (
        "không có loại văn bản này",
        "there is no such kind of document",
    ),
    (
        "không có thư mục để tạo văn bản",
        "there is no folder to create the document in",
    ),
    (
        "không có văn bản này",
        "no such document",
    ),
    (
        "không ghi đè được: tệp đang mở trong một chương trình khác (trình xem PDF, Word) hoặc chỉ cho đọc",
        "could not replace it: the file is open in another program (a PDF viewer, Word) or read-only",
    ),
    (
        "đóng tệp trong chương trình đang mở nó rồi dựng lại; tệp cũ được giữ nguyên",
        "close the file in the program that has it open, then build again; the old file is left as it was",
    ),
    (
        "đang chờ đóng {file} để ghi lại",
        "waiting for {file} to be closed to write it again",
    ),
    (
        "đã tạo thư mục {dir} với {n} tệp mẫu",
        "made the folder {dir} with {n} sample files",
    ),
    (
        "lỗi: không tạo được thư mục {dir}: {e}",
        "error: could not make the folder {dir}: {e}",
    ),
    (
        "Nhấn Enter để đóng cửa sổ này.",
        "Press Enter to close this window.",
    ),
    (
        "vanban đang chạy: trang làm việc mở trong trình duyệt, văn bản nằm trong thư mục {dir}. Đóng cửa sổ này sẽ dừng vanban.",
        "vanban is running: its page opens in the browser, and the documents are in the folder {dir}. Closing this window stops vanban.",
    ),
    (
        "không có quyền truy cập tệp này",
        "no permission to use this file",
    ),
    (
        "đây là một thư mục, không phải một tệp",
        "this is a folder, not a file",
    ),
    (
        "`{name}` là tên thiết bị của Windows (CON, NUL, COM1…), không dùng làm tên tệp được",
        "`{name}` is a Windows device name (CON, NUL, COM1…) and cannot be a file name",
    ),
    (
        "tệp đang mở trong một chương trình khác hoặc chỉ cho đọc: đóng tệp ở đó rồi lưu lại",
        "the file is open in another program or read-only: close it there, then save again",
    ),
    (
        "không mở được trình duyệt: {e}",
        "could not open the browser: {e}",
    ),
    (
        "lỗi: không mở được cổng {port} trên 127.0.0.1: {e}",
        "error: could not open port {port} on 127.0.0.1: {e}",
    ),
    (
        "lỗi: {e}",
        "error: {e}",
    ),
    (
        "máy chủ không đúng",
        "wrong host",
    ),
    (
        "cần mã phiên: mở địa chỉ có `?token=…` mà vanban in ra trong cửa sổ dòng lệnh khi chạy `vanban serve`",
        "a session token is needed: open the address with `?token=…` that vanban printed in its terminal window when `vanban serve` started",
    ),
    (
        "nội dung quá lớn (hơn {n} MB): văn bản YAML không lớn đến vậy; kiểm tra xem có dán nhầm nội dung khác vào không",
        "too large (over {n} MB): no YAML document is that large; check that nothing else was pasted in by mistake",
    ),
    (
        "không nhận đủ nội dung gửi lên: lưu lại lần nữa",
        "the text sent did not arrive whole: save again",
    ),
    (
        "tệp nằm ngoài thư mục đang mở hoặc đi qua một liên kết (symlink): khi xem trong trình duyệt, vanban chỉ đọc tệp trong thư mục đó; chép tệp vào thư mục rồi sửa đường dẫn",
        "the file is outside the opened folder or reached through a link (symlink): in the browser, vanban reads files inside that folder only; copy the file into the folder and correct the path",
    ),
    (
        "lỗi bên trong vanban khi dựng văn bản này; các văn bản khác vẫn dựng bình thường",
        "internal error in vanban while building this document; the other documents still build",
    ),
    (
        "lưu lại tệp để thử dựng lại; nếu vẫn lỗi, gửi tệp YAML này cho người bảo trì vanban",
        "save the file to build it again; if it still fails, send this YAML file to vanban's maintainers",
    ),
    (
        "văn bản này đang được tạo tệp để tải về: chờ tệp đó xong rồi tải lại",
        "a download of this document is being made: wait until it is done, then download again",
    ),
    (
        "mất kết nối, đang thử lại…",
        "disconnected, retrying…",
    ),
    (
        "nội dung không phải UTF-8",
        "the content is not UTF-8",
    ),
    (
        "thiếu mã của bản đã mở",
        "the hash of the opened version is missing",
    ),
    (
        "thiếu mã phiên hoặc mã phiên sai",
        "the session token is missing or wrong",
    ),
    (
        "tên tệp chỉ gồm chữ, số, `-` và `_`, không bắt đầu bằng `_`, `-` hay `.`",
        "a file name has only letters, digits, `-` and `_`, and does not start with `_`, `-` or `.`",
    ),
    (
        "tệp đã đổi trên đĩa từ khi mở; không ghi đè",
        "the file changed on disk since it was opened; not overwritten",
    ),
    (
        "vanban serve: mở {url} trong trình duyệt (Ctrl+C để dừng)",
        "vanban serve: open {url} in a browser (Ctrl+C to stop)",
    ),
    (
        "yêu cầu không đến từ trang của vanban",
        "the request does not come from vanban's page",
    ),
    (
        "yêu cầu không đọc được",
        "the request could not be read",
    ),
    (
        "{n} cảnh báo",
        "{n} warnings",
    ),
    (
        "{n} lỗi",
        "{n} errors",
    ),
    (
        "Đã lưu.",
        "Saved.",
    ),
    (
        "Đóng",
        "Close",
    ),
    (
        "đang dựng…",
        "building…",
    ),
    (
        "đang theo dõi",
        "watching",
    ),
    (
        "đã chép",
        "copied",
    ),
    (
        "đã dựng",
        "built",
    ),
    (
        "số nhập trong YAML",
        "a number typed in the YAML",
    ),
    (
        "hằng số nhập trong YAML",
        "a constant typed in the YAML",
    ),
    (
        "số đơn vị trong các nhóm của {k}",
        "the number of units in the groups of {k}",
    ),
    (
        "tổng giá trị × số đơn vị của từng nhóm",
        "the sum of value × units over the groups",
    ),
    (
        "tong_ghi nhập trong YAML",
        "tong_ghi typed in the YAML",
    ),
    (
        "phần còn lại: {k}.tong trừ các dòng khác",
        "what is left: {k}.tong minus the other lines",
    ),
    (
        "ô của hàng trong bảng của họ văn bản",
        "a cell of the family's row",
    ),
    (
        "từ {file}: {how}",
        "from {file}: {how}",
    ),
    (
        "`{name}` của {file}: {how}",
        "`{name}` of {file}: {how}",
    ),
    (
        "tệp Word theo bố cục có sẵn của vanban, không theo mẫu của bạn ({files}): chỉ bản PDF đổi theo mẫu",
        "the Word file follows vanban's built-in layout, not your templates ({files}): only the PDF follows them",
    ),
    (
        "cỡ chữ, khoảng cách của tệp Word đổi bằng kiểu (style) trong Word, hoặc dựng không kèm `--templates`",
        "change the Word file's sizes and spacing through its styles in Word, or build without `--templates`",
    ),
    (
        "“{t}”: dấu của bản dự thảo, bỏ qua",
        "“{t}”: a draft's mark, left out",
    ),
    // vanban nhap: Word edits brought back
    (
        "đoạn {at}: số văn bản {so} điền trong tệp Word: thêm dòng `so: {so}` vào YAML (trước `dia_danh`)",
        "paragraph {at}: document number {so} filled in in the Word file: add the line `so: {so}` to the YAML (before `dia_danh`)",
    ),
    (
        "đoạn {at}: có nhận xét nhưng tệp không có nội dung của nó; mở tệp bằng Word để xem",
        "paragraph {at}: has a comment whose text the file does not hold; open the file in Word to see it",
    ),
    ("đoạn {at}: nhận xét: “{text}”", "paragraph {at}: comment: “{text}”"),
    (
        "đoạn {at}: sửa {printed} thành {typed}, nhưng số này vanban in từ `so_lieu` — sửa số liệu trong `so_lieu`",
        "paragraph {at}: {printed} changed to {typed}, but vanban prints this number from `so_lieu` — change the data there",
    ),
    (
        "{file} đã sửa sau khi dựng tệp .docx: sửa đổi được đưa vào bản YAML mà tệp .docx mang theo; so sánh hai tệp trước khi thay",
        "{file} was edited after the .docx was built: the edits are brought into the YAML the .docx carries; compare the two files before replacing one",
    ),
    (
        "lỗi: không đọc được tệp YAML gốc {file} (--tu); kiểm tra lại đường dẫn",
        "error: cannot read the source YAML {file} (--tu); check the path",
    ),
    (
        "{file}: tệp không còn mang nguồn YAML của vanban (LibreOffice có thể đã bỏ đi khi lưu): so theo chữ với {src}",
        "{file}: the file no longer carries vanban's YAML source (LibreOffice may have dropped it when saving): matched by text against {src}",
    ),
    (
        "{file}: cảnh báo: {w}",
        "{file}: warning: {w}",
    ),
    (
        "đoạn {at}: chữ chèn chưa được chấp nhận “{text}”: YAML không có chữ này; chấp nhận (Accept) trong Word rồi nhập lại nếu muốn giữ",
        "paragraph {at}: insertion not accepted “{text}”: the YAML does not have it; accept it in Word and import again to keep it",
    ),
    (
        "đoạn {at}: chữ xoá chưa được chấp nhận “{text}”: YAML vẫn giữ chữ này; chấp nhận trong Word rồi nhập lại nếu muốn xoá",
        "paragraph {at}: deletion not accepted “{text}”: the YAML still has it; accept it in Word and import again to delete it",
    ),
    (
        "đoạn {at}: nhận xét của {author}: “{text}”",
        "paragraph {at}: comment by {author}: “{text}”",
    ),
    (
        "đã ghi {out} từ {src}: {n} sửa đổi đưa vào, {w} cảnh báo, {m} chỗ sửa chưa chấp nhận hoặc nhận xét; kiểm tra bằng: vanban check {out}",
        "wrote {out} from {src}: {n} edits brought in, {w} warnings, {m} pending changes or comments; check it with: vanban check {out}",
    ),
    (
        "đặt tệp .docx cạnh tệp YAML gốc và các tệp dùng chung của nó, hoặc chỉ tệp YAML bằng --tu",
        "put the .docx beside its source YAML and the shared files it reads, or name the YAML with --tu",
    ),
    (
        "không dựng lại được văn bản gốc",
        "the original document could not be rebuilt",
    ),
    (
        "tệp .docx bị hỏng hoặc không phải tệp Word: không đọc được",
        "the .docx is damaged or not a Word file: it cannot be read",
    ),
    (
        "tệp YAML gốc không đọc được",
        "the source YAML cannot be read",
    ),
    (
        "{file} đã đổi từ khi dựng tệp .docx: văn bản gốc được dựng lại với tệp hiện nay, số liệu có thể khác bản đã gửi",
        "{file} has changed since the .docx was built: the original is rebuilt with the file as it is now, and its figures may differ from the copy sent",
    ),
    (
        "đoạn {at}: sửa thành “{new}”, nhưng không tìm thấy chữ này trong YAML (có thể là phần vanban tự viết): không đưa vào, sửa tay nếu cần",
        "paragraph {at}: changed to “{new}”, but this text is not found in the YAML (vanban may write it itself): not brought in, edit by hand if needed",
    ),
    (
        "đoạn {at}: sửa {printed} thành {typed}, nhưng `{name}` tính ra {printed} — sửa số liệu trong `so_lieu`",
        "paragraph {at}: {printed} changed to {typed}, but `{name}` computes to {printed} — change the data in `so_lieu`",
    ),
    (
        "đoạn {at}: sửa “{printed}” thành “{typed}” ở phần vanban tự viết (số thứ tự, dấu câu, chữ cố định): không đưa vào YAML",
        "paragraph {at}: “{printed}” changed to “{typed}” in text vanban writes itself (numbering, punctuation, fixed words): not brought into the YAML",
    ),
    (
        "đoạn {at}: `{path}` đã được sửa ở một đoạn khác: không đưa thêm sửa đổi này vào, sửa tay nếu cần",
        "paragraph {at}: `{path}` is already edited from another paragraph: this edit is not brought in, edit by hand if needed",
    ),
    (
        "đoạn {at} của bản gốc (“{old}”) đã bị xoá trong tệp Word, nhưng không xoá được trong YAML: xoá tay nếu cần",
        "paragraph {at} of the original (“{old}”) was deleted in the Word file but cannot be deleted in the YAML: delete it by hand if needed",
    ),
    (
        "đoạn {at}: đoạn thêm vào (“{new}”) không đặt được vào YAML: thêm tay nếu cần",
        "paragraph {at}: the added paragraph (“{new}”) cannot be placed in the YAML: add it by hand if needed",
    ),
    (
        "một sửa đổi chồng lên sửa đổi khác ở dòng {line}: bỏ qua, sửa tay nếu cần",
        "an edit overlaps another at line {line}: skipped, edit by hand if needed",
    ),
    (
        "vanban không ghi tệp này: báo lỗi cho người phát triển kèm tệp .docx",
        "vanban does not write this file: report the bug to the developers with the .docx",
    ),
];

/// The command line's help texts (the doc comments of `main.rs`) and their English, for
/// `vanban --lang en --help`. A test in `main.rs` checks every help text has an entry.
pub const HELP: &[(&str, &str)] = &[
    (
        "Soạn văn bản hành chính theo Nghị định 30/2020/NĐ-CP từ dữ liệu YAML",
        "Drafts Vietnamese administrative documents (Decree 30/2020/NĐ-CP) from YAML data",
    ),
    (
        "Ngôn ngữ thông báo: vi (mặc định) hoặc en; mặc định theo LC_ALL, LC_MESSAGES, LANG.",
        "Language of the messages: vi (default) or en; by default from LC_ALL, LC_MESSAGES, LANG.",
    ),
    (
        "Tệp YAML hoặc thư mục chứa các tệp YAML.",
        "A YAML file, or a folder of YAML files.",
    ),
    (
        "Thư mục mẫu của người dùng, thay mẫu mặc định cùng tên.",
        "The user's templates folder; its files replace the built-in templates of the same name.",
    ),
    (
        "Số luồng dựng song song (mặc định: số lõi CPU).",
        "Number of documents built in parallel (default: the number of CPU cores).",
    ),
    (
        "Thư mục ghi kết quả.",
        "The folder the results are written to.",
    ),
    (
        "Chuẩn PDF: a-2b (mặc định, PDF/A để lưu trữ), a-2u, a-2a, ua-1, a-2a+ua-1, 1.7 (PDF thường).",
        "PDF standard: a-2b (the default, PDF/A for archiving), a-2u, a-2a, ua-1, a-2a+ua-1, 1.7 (plain PDF).",
    ),
    (
        "Định dạng kết quả: pdf (mặc định), docx (Word), hoặc cả hai: pdf,docx.",
        "Output format: pdf (the default), docx (Word), or both: pdf,docx.",
    ),
    (
        "Ghi thêm mã Typst sinh ra (typ) bên cạnh PDF, để sửa tay.",
        "Also write the generated Typst source (typ) beside the PDF, for hand edits.",
    ),
    (
        "Dựng lại cả những văn bản không thay đổi.",
        "Rebuild unchanged documents too.",
    ),
    (
        "In thời gian chạy và bộ nhớ cao nhất.",
        "Print the running time and the peak memory.",
    ),
    (
        "Dựng PDF từ các tệp YAML (mặc định: thư mục data/ → out/).",
        "Build PDFs from YAML files (default: the data/ folder → out/).",
    ),
    (
        "Kiểm tra dữ liệu, số liệu và dàn trang mà không ghi tệp nào.",
        "Check the data, the figures and the layout without writing any file.",
    ),
    ("Coi cảnh báo là lỗi.", "Treat warnings as errors."),
    (
        "Theo dõi thư mục: dựng lại văn bản bị ảnh hưởng mỗi khi một tệp được lưu.",
        "Watch the folders: rebuild the affected documents every time a file is saved.",
    ),
    (
        "Tạo một văn bản mẫu có chú thích để bắt đầu (dựng được ngay).",
        "Write a commented starting document (it builds as it is).",
    ),
    ("Loại văn bản.", "The document type."),
    (
        "Tệp sẽ tạo (mặc định: <loại>.yaml); không ghi đè tệp đã có.",
        "The file to create (default: <type>.yaml); an existing file is never overwritten.",
    ),
    (
        "Ghi JSON Schema của định dạng YAML (để trình soạn thảo gợi ý và kiểm tra).",
        "Write the JSON Schema of the YAML format (for editors to complete and check).",
    ),
    (
        "Tệp sẽ ghi (mặc định: in ra màn hình).",
        "The file to write (default: print it).",
    ),
    (
        "In script tự hoàn thành lệnh cho shell (bash, zsh, fish, elvish, powershell).",
        "Print shell completions (bash, zsh, fish, elvish, powershell).",
    ),
    (
        "Nhập một văn bản có sẵn (.docx, hoặc chữ lấy từ PDF) thành tệp YAML dựng lại được.",
        "Import an existing document (.docx, or the text of a PDF) into a YAML file that rebuilds it.",
    ),
    (
        "Tệp .docx hoặc tệp văn bản (.txt, .md).",
        "A .docx file or a text file (.txt, .md).",
    ),
    (
        "Tệp YAML sẽ ghi (mặc định: cùng tên, đuôi .yaml, cạnh tệp gốc).",
        "The YAML file to write (default: the same name with .yaml, beside the original).",
    ),
    (
        "Ghi đè tệp YAML đã có.",
        "Overwrite an existing YAML file.",
    ),
    // vanban serve
    (
        "Xem các văn bản trong trình duyệt, cập nhật ngay mỗi khi lưu (chỉ trên máy này).",
        "Show the documents in a browser, updated as soon as a file is saved (on this machine only).",
    ),
    (
        "Cổng trên 127.0.0.1 (0: một cổng trống bất kỳ).",
        "The port on 127.0.0.1 (0: any free port).",
    ),
    (
        "Mở trang trong trình duyệt.",
        "Open the page in a browser.",
    ),
    // vanban nhap: Word edits brought back
    (
        "Tệp YAML gốc của tệp .docx do vanban dựng rồi được sửa: dựng lại văn bản gốc từ đây (cần khi tệp .docx không còn mang nguồn hoặc nằm xa các tệp dùng chung).",
        "The source YAML of a .docx vanban built and someone edited: the original is rebuilt from it (needed when the .docx no longer carries its source or lies away from the shared files).",
    ),
    (
        "In từng đoạn, mục, ô bảng, nơi nhận, dòng chữ ký đã sửa (trước và sau).",
        "Print each paragraph, item, table cell, recipient and signer line that changed (before and after).",
    ),
];
