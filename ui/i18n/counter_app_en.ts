<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AboutBox</name>
    <message>
        <source>Phần mềm Bộ phận Một cửa, phiên bản {version}</source>
        <translation>One-stop counter software, version {version}</translation>
    </message>
    <message>
        <source>Thư mục dữ liệu: {path}</source>
        <translation>Data folder: {path}</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu: {path}</source>
        <translation>Database: {path}</translation>
    </message>
    <message>
        <source>Nhật ký: {path}</source>
        <translation>Logs: {path}</translation>
    </message>
    <message>
        <source>Giới thiệu</source>
        <translation>About</translation>
    </message>
    <message>
        <source>Đây là phiên bản mới nhất thành phố đã công bố.</source>
        <translation>This is the latest version the city has announced.</translation>
    </message>
    <message>
        <source>Đã có phiên bản mới {latest}</source>
        <translation>A new version is available: {latest}</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>Tài khoản quản trị đầu tiên</source>
        <translation>First administrator account</translation>
    </message>
    <message>
        <source>Tài khoản này quản lý cài đặt và các tài khoản cán bộ khác.</source>
        <translation>This account manages the settings and the other clerks&apos; accounts.</translation>
    </message>
    <message>
        <source>&amp;Tên đăng nhập:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <source>&amp;Họ và tên:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Nhập lại mật khẩu:</source>
        <translation>&amp;Repeat password:</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không giống nhau.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>AgencyPage</name>
    <message>
        <source>Ví dụ: {value}</source>
        <translation>For example: {value}</translation>
    </message>
    <message>
        <source>Cơ quan và quầy</source>
        <translation>Agency and counter</translation>
    </message>
    <message>
        <source>Thông tin in trên biên nhận và dùng trong mã hồ sơ. Có thể sửa sau trong Cài đặt.</source>
        <translation>Printed on receipts and used in dossier codes. You can change it later in Settings.</translation>
    </message>
    <message>
        <source>◆ dùng chung cho cả văn phòng.</source>
        <translation>◆ shared by the whole office.</translation>
    </message>
</context>
<context>
    <name>BoardController</name>
    <message>
        <source>Không tìm thấy hồ sơ nào khớp với &apos;{q}&apos;.</source>
        <translation>No dossier matches &apos;{q}&apos;.</translation>
    </message>
    <message>
        <source>Chọn một hồ sơ trong danh sách.</source>
        <translation>Select a dossier in the list.</translation>
    </message>
    <message>
        <source>Tiếp tục xử lý (đã bổ sung)</source>
        <translation>Resume processing (supplemented)</translation>
    </message>
    <message>
        <source>Chuyển &amp;xử lý</source>
        <translation>Start &amp;processing</translation>
    </message>
    <message>
        <source>Trả kết quả</source>
        <translation>Return the result</translation>
    </message>
    <message>
        <source>Trả kết quả hồ sơ {code} cho {name}?
Hãy kiểm tra giấy tờ tùy thân của người nhận.</source>
        <translation>Hand the result of dossier {code} to {name}?
Check the receiver&apos;s identity papers.</translation>
    </message>
    <message>
        <source>&amp;Đã trả</source>
        <translation>&amp;Handed over</translation>
    </message>
    <message>
        <source>&amp;Hủy</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Đã cập nhật hồ sơ {code}: {status}.</source>
        <translation>Dossier {code} updated: {status}.</translation>
    </message>
    <message>
        <source>Đã có &amp;kết quả</source>
        <translation>Result &amp;ready</translation>
    </message>
    <message>
        <source>T&amp;rả kết quả cho công dân</source>
        <translation>Hand &amp;over the result</translation>
    </message>
    <message>
        <source>Yêu cầu &amp;bổ sung…</source>
        <translation>Request &amp;supplement…</translation>
    </message>
    <message>
        <source>Từ &amp;chối…</source>
        <translation>Re&amp;ject…</translation>
    </message>
    <message>
        <source>Xin lỗi, &amp;hẹn lại…</source>
        <translation>&amp;Apologise, new date…</translation>
    </message>
    <message>
        <source>Lưu ý: hồ sơ còn phải nộp {due} phí, lệ phí (nút &quot;Thu phí, lệ phí…&quot;).</source>
        <translation>Note: {due} in fees is still unpaid on this dossier (button &quot;Collect fee…&quot;).</translation>
    </message>
    <message>
        <source>Phí, lệ phí: {fee}</source>
        <translation>Fee: {fee}</translation>
    </message>
    <message>
        <source>Phí, lệ phí: {fee} — {state}</source>
        <translation>Fee: {fee} — {state}</translation>
    </message>
    <message>
        <source>&amp;Dừng giải quyết…</source>
        <translation>&amp;Stop processing…</translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <source>Đang hiện {shown} trong {total} hồ sơ, cần làm trước lên đầu; tìm theo mã, tên, số điện thoại để thấy hồ sơ khác.</source>
        <translation>Showing {shown} of {total} dossiers, most urgent first; search by code, name or phone number to find the others.</translation>
    </message>
    <message>
        <source>Cả bộ phận: hồ sơ của mọi quầy. Của tôi: hồ sơ anh/chị tiếp nhận, nhận tại quầy này hoặc đã xử lý tại quầy này. Đổi nhanh: Ctrl+M</source>
        <translation>Whole office: every counter's dossiers. Mine: dossiers you received, received at this counter or handled at this counter. Switch: Ctrl+M</translation>
    </message>
    <message>
        <source>Của tôi</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>Cả bộ phận</source>
        <translation>Whole office</translation>
    </message>
    <message>
        <source>&amp;Tìm hồ sơ:</source>
        <translation>&amp;Find dossier:</translation>
    </message>
    <message>
        <source>Mã hồ sơ, số điện thoại, số CCCD hoặc họ tên (không cần dấu) — hoặc quét mã QR trên biên nhận</source>
        <translation>Dossier code, phone, citizen ID or name (diacritics optional) — or scan the receipt QR code</translation>
    </message>
    <message>
        <source>Làm mới (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <source>Nhận hôm nay</source>
        <translation>Received today</translation>
    </message>
    <message>
        <source>Sắp đến hạn</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Chờ trả kết quả</source>
        <translation>Ready to return</translation>
    </message>
    <message>
        <source>Kết quả tìm kiếm</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>Hạn trả trong vòng một ngày làm việc</source>
        <translation>Due within one working day</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Nhận lúc</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Hồ sơ đang chọn</source>
        <translation>Selected dossier</translation>
    </message>
    <message>
        <source>Chi tiết, &amp;lịch sử (Enter)</source>
        <translation>&amp;Details and history (Enter)</translation>
    </message>
    <message>
        <source>Cập nhật {t}</source>
        <translation>Updated {t}</translation>
    </message>
    <message>
        <source>Phí, lệ phí</source>
        <translation>Fee</translation>
    </message>
</context>
<context>
    <name>ClerkStatusBar</name>
    <message>
        <source>Không đọc được trạng thái đồng bộ</source>
        <translation>Sync status unreadable</translation>
    </message>
    <message>
        <source>Cán bộ: {name} ({role})</source>
        <translation>Clerk: {name} ({role})</translation>
    </message>
    <message>
        <source>Quầy {n}</source>
        <translation>Counter {n}</translation>
    </message>
    <message>
        <source>Chờ đồng bộ: …</source>
        <translation>Waiting to sync: …</translation>
    </message>
    <message>
        <source>Chờ đồng bộ: {n} sự kiện</source>
        <translation>Waiting to sync: {n} events</translation>
    </message>
    <message>
        <source>{n} sự kiện bị máy chủ từ chối</source>
        <translation>{n} events refused by the server</translation>
    </message>
    <message>
        <source>Đồng bộ lần cuối: {t}</source>
        <translation>Last sync: {t}</translation>
    </message>
    <message>
        <source>Chưa đồng bộ lần nào</source>
        <translation>Never synced</translation>
    </message>
</context>
<context>
    <name>ComponentsChecklist</name>
    <message>
        <source>&amp;Quét bằng máy quét</source>
        <translation>&amp;Scan with the scanner</translation>
    </message>
    <message>
        <source>Từ &amp;thư mục quét…</source>
        <translation>From the scan &amp;folder…</translation>
    </message>
    <message>
        <source>Từ tệ&amp;p…</source>
        <translation>From a fi&amp;le…</translation>
    </message>
    <message>
        <source>&amp;Dùng lại bản đã số hóa…</source>
        <translation>&amp;Reuse a digitised copy…</translation>
    </message>
    <message>
        <source>&amp;Bỏ bản đã chọn</source>
        <translation>&amp;Drop the chosen copy</translation>
    </message>
    <message>
        <source>Số hóa</source>
        <translation>Digitise</translation>
    </message>
    <message>
        <source>Số hóa giấy tờ này: quét, lấy từ thư mục quét, từ tệp, hoặc dùng lại</source>
        <translation>Digitise this paper: scan it, take it from the scan folder or a file, or reuse a copy</translation>
    </message>
    <message>
        <source>Chọn thủ tục để hiện danh sách giấy tờ theo quy định.</source>
        <translation>Choose a procedure to list the papers the law requires.</translation>
    </message>
    <message>
        <source>Bắt buộc</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>Không bắt buộc</source>
        <translation>Optional</translation>
    </message>
</context>
<context>
    <name>ConfigForm</name>
    <message>
        <source>58 mm</source>
        <translation>58 mm</translation>
    </message>
    <message>
        <source>80 mm</source>
        <translation>80 mm</translation>
    </message>
    <message>
        <source>Ảnh (raster, đúng dấu tiếng Việt)</source>
        <translation>Image (raster, correct Vietnamese accents)</translation>
    </message>
    <message>
        <source>Chữ (bảng mã máy in)</source>
        <translation>Text (printer code page)</translation>
    </message>
    <message>
        <source>3 mức</source>
        <translation>3 levels</translation>
    </message>
    <message>
        <source>4 mức</source>
        <translation>4 levels</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <source>Khi có màn hình thứ hai</source>
        <translation>When there is a second monitor</translation>
    </message>
    <message>
        <source>Luôn mở (một màn hình: hiện lên khi mời đánh giá)</source>
        <translation>Always (one monitor: comes to the front for each question)</translation>
    </message>
    <message>
        <source>Không mở</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>Tự động (eSpeak NG nếu có, nếu không thì tiếng ghi sẵn)</source>
        <translation>Automatic (eSpeak NG if installed, else recorded clips)</translation>
    </message>
    <message>
        <source>Giọng đọc eSpeak NG</source>
        <translation>eSpeak NG voice</translation>
    </message>
    <message>
        <source>Tiếng ghi sẵn</source>
        <translation>Recorded clips</translation>
    </message>
    <message>
        <source>Tắt</source>
        <translation>Off</translation>
    </message>
    <message>
        <source>Ví dụ 07:30-11:30,13:30-17:00</source>
        <translation>For example 07:30-11:30,13:30-17:00</translation>
    </message>
    <message>
        <source>Ví dụ 000.00.06.H56</source>
        <translation>For example 000.00.06.H56</translation>
    </message>
    <message>
        <source>tcp://192.168.1.50:9100, usb://04b8:0202, win32://TÊN MÁY IN…</source>
        <translation>tcp://192.168.1.50:9100, usb://04b8:0202, win32://PRINTER NAME…</translation>
    </message>
    <message>
        <source>tcp://192.168.1.51:9100, usb://0416:5011…</source>
        <translation>tcp://192.168.1.51:9100, usb://0416:5011…</translation>
    </message>
    <message>
        <source>Để trống: giữ khóa đang dùng</source>
        <translation>Leave empty to keep the current key</translation>
    </message>
    <message>
        <source>Mọi thành phần đã số hóa</source>
        <translation>Every paper digitised</translation>
    </message>
    <message>
        <source>Ít nhất một thành phần đã số hóa</source>
        <translation>At least one paper digitised</translation>
    </message>
    <message>
        <source>Theo hồ sơ</source>
        <translation>By dossier</translation>
    </message>
    <message>
        <source>Theo thành phần hồ sơ</source>
        <translation>By paper</translation>
    </message>
    <message>
        <source>Theo lần nộp (như báo cáo tháng)</source>
        <translation>By payment (as the monthly report)</translation>
    </message>
    <message>
        <source>Trên số lượt đánh giá (như báo cáo tháng)</source>
        <translation>Of the ratings given (as the monthly report)</translation>
    </message>
    <message>
        <source>Dạng công thức của QĐ 766</source>
        <translation>The shape of Decision 766's formula</translation>
    </message>
    <message>
        <source>Dùng chung cho cả văn phòng: mọi máy thấy giá trị này</source>
        <translation>Shared by the whole office: every PC sees this value</translation>
    </message>
</context>
<context>
    <name>ConfigLabels</name>
    <message>
        <source>Máy quét (trống: máy đầu tiên tìm thấy)</source>
        <translation>Scanner (empty: the first one found)</translation>
    </message>
    <message>
        <source>Khay giấy máy quét (ví dụ ADF; trống: mặc định)</source>
        <translation>Scanner paper source (e.g. ADF; empty: its default)</translation>
    </message>
    <message>
        <source>Thư mục máy quét lưu tệp (quét vào thư mục)</source>
        <translation>Folder the scanners save to (scan to folder)</translation>
    </message>
    <message>
        <source>Độ phân giải lưu trang (dpi)</source>
        <translation>Resolution of stored pages (dpi)</translation>
    </message>
    <message>
        <source>Dung lượng tối đa mỗi trang (KB)</source>
        <translation>Largest size of a page (KB)</translation>
    </message>
    <message>
        <source>Thời gian chờ máy quét (giây)</source>
        <translation>Scanner timeout (seconds)</translation>
    </message>
    <message>
        <source>Tên cơ quan</source>
        <translation>Agency name</translation>
    </message>
    <message>
        <source>Cơ quan cấp trên</source>
        <translation>Parent agency</translation>
    </message>
    <message>
        <source>Mã định danh cơ quan</source>
        <translation>Agency code</translation>
    </message>
    <message>
        <source>Địa chỉ cơ quan</source>
        <translation>Agency address</translation>
    </message>
    <message>
        <source>Tỉnh/Thành phố</source>
        <translation>Province/City</translation>
    </message>
    <message>
        <source>Địa danh ghi trên văn bản</source>
        <translation>Place name on documents</translation>
    </message>
    <message>
        <source>Chức danh người ký</source>
        <translation>Signer&apos;s title</translation>
    </message>
    <message>
        <source>Họ tên người ký</source>
        <translation>Signer&apos;s name</translation>
    </message>
    <message>
        <source>Số quầy</source>
        <translation>Counter number</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu văn phòng</source>
        <translation>Office database</translation>
    </message>
    <message>
        <source>Khối số của quầy (mã hồ sơ, sổ, số thứ tự)</source>
        <translation>Number block of this counter (dossier codes, register, tickets)</translation>
    </message>
    <message>
        <source>Giờ làm việc</source>
        <translation>Office hours</translation>
    </message>
    <message>
        <source>Mã BIN ngân hàng</source>
        <translation>Bank BIN</translation>
    </message>
    <message>
        <source>Số tài khoản</source>
        <translation>Account number</translation>
    </message>
    <message>
        <source>Tên tài khoản</source>
        <translation>Account name</translation>
    </message>
    <message>
        <source>Tên ngân hàng</source>
        <translation>Bank name</translation>
    </message>
    <message>
        <source>Máy chủ thành phố</source>
        <translation>City server</translation>
    </message>
    <message>
        <source>Mã quầy trên máy chủ</source>
        <translation>Counter ID on the server</translation>
    </message>
    <message>
        <source>Khóa bí mật của quầy</source>
        <translation>Counter secret key</translation>
    </message>
    <message>
        <source>Máy in biên nhận</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>Máy in số thứ tự</source>
        <translation>Ticket printer</translation>
    </message>
    <message>
        <source>Khổ giấy in số (mm)</source>
        <translation>Ticket paper width (mm)</translation>
    </message>
    <message>
        <source>Chế độ in số</source>
        <translation>Ticket print mode</translation>
    </message>
    <message>
        <source>Thời gian chờ máy in (ms)</source>
        <translation>Printer timeout (ms)</translation>
    </message>
    <message>
        <source>Mẫu địa chỉ tra cứu hồ sơ</source>
        <translation>Dossier lookup URL pattern</translation>
    </message>
    <message>
        <source>Tự in biên nhận, phiếu bổ sung, từ chối, xin lỗi khi lập</source>
        <translation>Print the receipt and the supplement, rejection and apology forms when made</translation>
    </message>
    <message>
        <source>Căn cứ ban hành biểu mẫu</source>
        <translation>Legal basis printed on forms</translation>
    </message>
    <message>
        <source>Tên biểu mẫu: giấy tiếp nhận</source>
        <translation>Form title: receipt</translation>
    </message>
    <message>
        <source>Tên biểu mẫu: yêu cầu bổ sung</source>
        <translation>Form title: supplement request</translation>
    </message>
    <message>
        <source>Tên biểu mẫu: từ chối</source>
        <translation>Form title: rejection</translation>
    </message>
    <message>
        <source>Tên biểu mẫu: xin lỗi</source>
        <translation>Form title: apology</translation>
    </message>
    <message>
        <source>Tên biểu mẫu: kiểm soát</source>
        <translation>Form title: control sheet</translation>
    </message>
    <message>
        <source>Tên biểu mẫu: sổ theo dõi</source>
        <translation>Form title: dossier register</translation>
    </message>
    <message>
        <source>Số hiệu biểu mẫu: giấy tiếp nhận</source>
        <translation>Form number: receipt</translation>
    </message>
    <message>
        <source>Số hiệu biểu mẫu: yêu cầu bổ sung</source>
        <translation>Form number: supplement request</translation>
    </message>
    <message>
        <source>Số hiệu biểu mẫu: từ chối</source>
        <translation>Form number: rejection</translation>
    </message>
    <message>
        <source>Số hiệu biểu mẫu: xin lỗi</source>
        <translation>Form number: apology</translation>
    </message>
    <message>
        <source>Số hiệu biểu mẫu: kiểm soát</source>
        <translation>Form number: control sheet</translation>
    </message>
    <message>
        <source>Số hiệu biểu mẫu: sổ theo dõi</source>
        <translation>Form number: dossier register</translation>
    </message>
    <message>
        <source>Khổ giấy biên nhận</source>
        <translation>Receipt paper size</translation>
    </message>
    <message>
        <source>Số liên biên nhận</source>
        <translation>Receipt copies</translation>
    </message>
    <message>
        <source>Số điện thoại hướng dẫn hồ sơ</source>
        <translation>Phone number for dossier enquiries</translation>
    </message>
    <message>
        <source>Cơ quan chủ trì giải quyết (để trống: tên cơ quan)</source>
        <translation>Handling agency (empty: the agency name)</translation>
    </message>
    <message>
        <source>Mẫu địa chỉ tra cứu số thứ tự</source>
        <translation>Queue ticket lookup URL pattern</translation>
    </message>
    <message>
        <source>Dòng cuối phiếu số</source>
        <translation>Ticket footer line</translation>
    </message>
    <message>
        <source>Máy lấy số: giây hiển thị số trước khi trở lại</source>
        <translation>Ticket kiosk: seconds to show the number</translation>
    </message>
    <message>
        <source>Bảng hiển thị: các quầy (để trống: mọi quầy có gọi số)</source>
        <translation>Display board: counters (empty: all that call)</translation>
    </message>
    <message>
        <source>Bảng hiển thị: đọc số</source>
        <translation>Display board: announce numbers</translation>
    </message>
    <message>
        <source>Số mức đánh giá</source>
        <translation>Rating levels</translation>
    </message>
    <message>
        <source>Thời gian chờ đánh giá (giây)</source>
        <translation>Rating timeout (seconds)</translation>
    </message>
    <message>
        <source>Mở màn hình đánh giá cùng cửa sổ cán bộ</source>
        <translation>Open the rating screen with the clerk window</translation>
    </message>
    <message>
        <source>Màn hình đánh giá (auto, tên hoặc thứ tự từ trái sang)</source>
        <translation>Rating screen (auto, name or position from the left)</translation>
    </message>
    <message>
        <source>Bỏ qua lời mời đánh giá cũ hơn (giây)</source>
        <translation>Skip rating requests older than (seconds)</translation>
    </message>
    <message>
        <source>Hạn trả lời phản ánh (ngày làm việc)</source>
        <translation>Feedback answer deadline (working days)</translation>
    </message>
    <message>
        <source>Giờ đồng bộ hằng đêm</source>
        <translation>Nightly sync time</translation>
    </message>
    <message>
        <source>Số sự kiện mỗi lô</source>
        <translation>Events per batch</translation>
    </message>
    <message>
        <source>Đồng bộ trong giờ làm việc mỗi (giây; 0: tắt)</source>
        <translation>Sync during office hours every (seconds; 0: off)</translation>
    </message>
    <message>
        <source>Giữ dữ liệu cá nhân của sự kiện đã gửi (ngày)</source>
        <translation>Keep personal data of sent events (days)</translation>
    </message>
    <message>
        <source>Cho phép gửi không mã hóa (http://) tới máy chủ</source>
        <translation>Allow unencrypted (http://) sending to the server</translation>
    </message>
    <message>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Chỉ tiêu hài lòng: Tiếp cận dịch vụ (%)</source>
        <translation>Satisfaction target: access to the service (%)</translation>
    </message>
    <message>
        <source>Chỉ tiêu hài lòng: Thủ tục hành chính (%)</source>
        <translation>Satisfaction target: administrative procedures (%)</translation>
    </message>
    <message>
        <source>Chỉ tiêu hài lòng: Công chức (%)</source>
        <translation>Satisfaction target: civil servants (%)</translation>
    </message>
    <message>
        <source>Chỉ tiêu hài lòng: Kết quả giải quyết (%)</source>
        <translation>Satisfaction target: results (%)</translation>
    </message>
    <message>
        <source>Chỉ tiêu hài lòng: Tiếp nhận, xử lý phản ánh (%)</source>
        <translation>Satisfaction target: handling complaints (%)</translation>
    </message>
    <message>
        <source>Bộ biểu mẫu</source>
        <translation>Form set</translation>
    </message>
    <message>
        <source>Tên đơn vị tiếp nhận in trên biểu mẫu</source>
        <translation>Receiving unit printed on forms</translation>
    </message>
    <message>
        <source>Người liên hệ hướng dẫn hồ sơ</source>
        <translation>Contact person for dossier questions</translation>
    </message>
    <message>
        <source>Tên biểu mẫu: dừng giải quyết</source>
        <translation>Form title: stop notice</translation>
    </message>
    <message>
        <source>Số hiệu biểu mẫu: dừng giải quyết</source>
        <translation>Form number: stop notice</translation>
    </message>
    <message>
        <source>Chỉ tiêu 766: Giải quyết trước hạn, đúng hạn (%)</source>
        <translation>Index 766 target: resolved early or on time (%)</translation>
    </message>
    <message>
        <source>Chỉ tiêu 766: Số hóa hồ sơ khi tiếp nhận (%)</source>
        <translation>Index 766 target: digitised at intake (%)</translation>
    </message>
    <message>
        <source>Chỉ tiêu 766: Số hóa kết quả (%)</source>
        <translation>Index 766 target: results digitised (%)</translation>
    </message>
    <message>
        <source>Chỉ tiêu 766: Sử dụng lại giấy tờ đã số hóa (%)</source>
        <translation>Index 766 target: digitised papers reused (%)</translation>
    </message>
    <message>
        <source>Chỉ tiêu 766: Hồ sơ tiếp nhận trực tuyến (%)</source>
        <translation>Index 766 target: received online (%)</translation>
    </message>
    <message>
        <source>Chỉ tiêu 766: Thanh toán không dùng tiền mặt (%)</source>
        <translation>Index 766 target: cashless payment (%)</translation>
    </message>
    <message>
        <source>Chỉ tiêu 766: Hài lòng (%)</source>
        <translation>Index 766 target: satisfaction (%)</translation>
    </message>
    <message>
        <source>Công thức 766: Số hóa hồ sơ khi tiếp nhận</source>
        <translation>Index 766 formula: digitised at intake</translation>
    </message>
    <message>
        <source>Công thức 766: Sử dụng lại</source>
        <translation>Index 766 formula: reuse</translation>
    </message>
    <message>
        <source>Công thức 766: Thanh toán không dùng tiền mặt</source>
        <translation>Index 766 formula: cashless payment</translation>
    </message>
    <message>
        <source>Công thức 766: Hài lòng</source>
        <translation>Index 766 formula: satisfaction</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>không được để trống</source>
        <translation>must not be empty</translation>
    </message>
    <message>
        <source>phải gồm đúng 12 chữ số</source>
        <translation>must be exactly 12 digits</translation>
    </message>
    <message>
        <source>phải gồm 10 chữ số bắt đầu bằng 0 (hoặc +84)</source>
        <translation>must be 10 digits starting with 0 (or +84)</translation>
    </message>
    <message>
        <source>không đúng định dạng (ví dụ ten@example.vn)</source>
        <translation>is not a valid address (e.g. name@example.vn)</translation>
    </message>
    <message>
        <source>chỉ được gồm chữ cái tiếng Việt và dấu cách</source>
        <translation>may contain only Vietnamese letters and spaces</translation>
    </message>
    <message>
        <source>không được dài quá 100 ký tự</source>
        <translation>must not exceed 100 characters</translation>
    </message>
    <message>
        <source>không được dài quá 300 ký tự</source>
        <translation>must not exceed 300 characters</translation>
    </message>
    <message>
        <source>phải có dạng ngày/tháng/năm, ví dụ 05/09/1990</source>
        <translation>must be day/month/year, e.g. 05/09/1990</translation>
    </message>
    <message>
        <source>ngày không tồn tại</source>
        <translation>no such date</translation>
    </message>
    <message>
        <source>không hợp lệ</source>
        <translation>is not valid</translation>
    </message>
    <message>
        <source>cần ghi rõ lý do</source>
        <translation>a reason is required</translation>
    </message>
    <message>
        <source>chưa chọn thủ tục</source>
        <translation>no procedure chosen</translation>
    </message>
    <message>
        <source>phải có ít nhất 8 ký tự</source>
        <translation>must be at least 8 characters</translation>
    </message>
    <message>
        <source>Chỉ lập phiếu xin lỗi khi hồ sơ đã quá hạn</source>
        <translation>An apology is only for an overdue dossier</translation>
    </message>
</context>
<context>
    <name>DatabasePage</name>
    <message>
        <source>Cơ sở dữ liệu</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Một quầy: dữ liệu lưu ngay trên máy này. Văn phòng nhiều máy: mọi máy dùng chung một cơ sở dữ liệu PostgreSQL trên máy chủ của văn phòng.</source>
        <translation>One counter: the data stays on this PC. An office with several PCs: every PC shares one PostgreSQL database on the office&apos;s server.</translation>
    </message>
    <message>
        <source>&amp;Dùng chung cơ sở dữ liệu của văn phòng (PostgreSQL)</source>
        <translation>&amp;Use the office&apos;s shared database (PostgreSQL)</translation>
    </message>
    <message>
        <source>Máy &amp;chủ:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>Cổ&amp;ng:</source>
        <translation>Por&amp;t:</translation>
    </message>
    <message>
        <source>Tên cơ &amp;sở dữ liệu:</source>
        <translation>&amp;Database name:</translation>
    </message>
    <message>
        <source>Tà&amp;i khoản:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Ví dụ: 192.168.1.10 hoặc may-chu-mot-cua</source>
        <translation>For example 192.168.1.10 or office-server</translation>
    </message>
    <message>
        <source>&amp;Kiểm tra kết nối</source>
        <translation>&amp;Test the connection</translation>
    </message>
    <message>
        <source>Cách cài máy chủ và tạo cơ sở dữ liệu: docs/office-setup.md. Có thể đổi sau bằng lệnh counter-app config set database.url.</source>
        <translation>How to install the server and create the database: docs/office-setup.md. It can be changed later with counter-app config set database.url.</translation>
    </message>
    <message>
        <source>Đang kiểm tra kết nối…</source>
        <translation>Testing the connection…</translation>
    </message>
    <message>
        <source>Kết nối được (PostgreSQL {version}). Văn phòng đã có {n} tài khoản: máy này sẽ dùng chung, bấm Tiếp theo rồi đăng nhập.</source>
        <translation>Connected (PostgreSQL {version}). The office already has {n} accounts: this PC will share them, press Next and log in.</translation>
    </message>
    <message>
        <source>Kết nối được (PostgreSQL {version}). Cơ sở dữ liệu còn trống: máy này là máy đầu tiên của văn phòng, bấm Tiếp theo để thiết lập.</source>
        <translation>Connected (PostgreSQL {version}). The database is empty: this PC is the office&apos;s first, press Next to set it up.</translation>
    </message>
    <message>
        <source>Đang mở cơ sở dữ liệu…</source>
        <translation>Opening the database…</translation>
    </message>
</context>
<context>
    <name>DossierDetailDialog</name>
    <message>
        <source>Quầy</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Hồ sơ {code}</source>
        <translation>Dossier {code}</translation>
    </message>
    <message>
        <source>Thông tin hồ sơ</source>
        <translation>Dossier information</translation>
    </message>
    <message>
        <source>Số {number} ngày {date}, hẹn lại từ {old} sang {new}</source>
        <translation>No. {number} of {date}, due moved from {old} to {new}</translation>
    </message>
    <message>
        <source>Chưa có</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Số CCCD</source>
        <translation>Citizen ID</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Ngày sinh</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Nhận kết quả</source>
        <translation>Result delivery</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <source>Nhận lúc</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>quầy {n}, {clerk}</source>
        <translation>counter {n}, {clerk}</translation>
    </message>
    <message>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Sổ theo dõi</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Quyển {book}, số {number}</source>
        <translation>Book {book}, no. {number}</translation>
    </message>
    <message>
        <source>Phiếu xin lỗi</source>
        <translation>Apology letter</translation>
    </message>
    <message>
        <source>Thành phần hồ sơ đã nhận</source>
        <translation>Papers received</translation>
    </message>
    <message>
        <source>Giấy tờ</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Số lượng</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Lịch sử xử lý</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>Việc</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Hẹn mới: {t}</source>
        <translation>New due: {t}</translation>
    </message>
    <message>
        <source>Đón&amp;g (Enter)</source>
        <translation>&amp;Close (Enter)</translation>
    </message>
    <message>
        <source>Thu phí, lệ phí</source>
        <translation>Fee collected</translation>
    </message>
    <message>
        <source>còn {due}</source>
        <translation>{due} still due</translation>
    </message>
    <message>
        <source>mã giao dịch {ref}</source>
        <translation>transaction {ref}</translation>
    </message>
    <message>
        <source>{amount} — {method}</source>
        <translation>{amount} — {method}</translation>
    </message>
</context>
<context>
    <name>FeedbackPanel</name>
    <message>
        <source>Thái độ, tác phong cán bộ</source>
        <translation>Staff conduct</translation>
    </message>
    <message>
        <source>Thủ tục, giấy tờ</source>
        <translation>Procedures and papers</translation>
    </message>
    <message>
        <source>Thời gian giải quyết</source>
        <translation>Processing time</translation>
    </message>
    <message>
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <source>Cơ sở vật chất</source>
        <translation>Facilities</translation>
    </message>
    <message>
        <source>Góp ý khác</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Phản ánh, kiến nghị của người dân</source>
        <translation>Citizens&apos; feedback and complaints</translation>
    </message>
    <message>
        <source>Chỉ hiện phản ánh chưa trả lời</source>
        <translation>Only unanswered feedback</translation>
    </message>
    <message>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Nội dung trả lời:</source>
        <translation>Answer:</translation>
    </message>
    <message>
        <source>Ghi câu trả lời</source>
        <translation>Save answer</translation>
    </message>
    <message>
        <source>Số phản ánh</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Nhận lúc</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Hạn trả lời</source>
        <translation>Answer due</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Liên hệ</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Quá hạn trả lời</source>
        <translation>Answer overdue</translation>
    </message>
    <message>
        <source>Chờ trả lời</source>
        <translation>Awaiting answer</translation>
    </message>
    <message>
        <source>Đã trả lời (trễ hạn)</source>
        <translation>Answered (late)</translation>
    </message>
    <message>
        <source>Đã trả lời</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>(không để lại)</source>
        <translation>(none given)</translation>
    </message>
    <message>
        <source>{n} chờ trả lời, trong đó {k} quá hạn</source>
        <translation>{n} awaiting an answer, {k} of them overdue</translation>
    </message>
    <message>
        <source>Chọn một phản ánh để xem và trả lời.</source>
        <translation>Select a feedback item to read and answer it.</translation>
    </message>
    <message>
        <source>Nhận lúc {at}; hạn trả lời {due}; liên hệ: {contact}</source>
        <translation>Received {at}; answer due {due}; contact: {contact}</translation>
    </message>
    <message>
        <source>Đã trả lời ({who}): {answer}</source>
        <translation>Answered ({who}): {answer}</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Thiết lập lần đầu — Bộ phận Một cửa</source>
        <translation>First-time setup — One-stop office</translation>
    </message>
    <message>
        <source>&amp;Tiếp theo &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Quay lại</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>Hoàn tất</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>FormsDialog</name>
    <message>
        <source>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</source>
        <translation>Receipt and due date of the result</translation>
    </message>
    <message>
        <source>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ</source>
        <translation>Request to supplement the dossier</translation>
    </message>
    <message>
        <source>Phiếu từ chối tiếp nhận giải quyết hồ sơ</source>
        <translation>Rejection of the dossier</translation>
    </message>
    <message>
        <source>Phiếu kiểm soát quá trình giải quyết hồ sơ</source>
        <translation>Dossier processing control sheet</translation>
    </message>
    <message>
        <source>Sổ theo dõi hồ sơ</source>
        <translation>Dossier register</translation>
    </message>
    <message>
        <source>Biểu mẫu của hồ sơ {code}</source>
        <translation>Forms of dossier {code}</translation>
    </message>
    <message>
        <source>Biểu mẫu</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Khổ giấy (giấy tiếp nhận)</source>
        <translation>Paper size (receipt)</translation>
    </message>
    <message>
        <source>Số liên (giấy tiếp nhận)</source>
        <translation>Copies (receipt)</translation>
    </message>
    <message>
        <source>Đó&amp;ng</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>&amp;Xem trước</source>
        <translation>Pre&amp;view</translation>
    </message>
    <message>
        <source>&amp;In</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <source>Thông báo dừng giải quyết hồ sơ</source>
        <translation>Notice that processing has stopped</translation>
    </message>
    <message>
        <source>Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết</source>
        <translation>Apology and request for more time</translation>
    </message>
</context>
<context>
    <name>FormsPrinting</name>
    <message>
        <source>Đó&amp;ng</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>&amp;In lại</source>
        <translation>&amp;Print again</translation>
    </message>
    <message>
        <source>Chưa in được giấy tiếp nhận: {error}</source>
        <translation>The receipt was not printed: {error}</translation>
    </message>
    <message>
        <source>Máy in biên nhận {uri} là máy in nhiệt 80 mm, chỉ in giấy tiếp nhận; biểu mẫu này chưa được in.</source>
        <translation>The receipt printer {uri} is an 80 mm thermal printer and prints receipts only; this form was not printed.</translation>
    </message>
    <message>
        <source>Đã in giấy tiếp nhận {code}. Lưu ý: {warning}.</source>
        <translation>Receipt {code} printed. Note: {warning}.</translation>
    </message>
    <message>
        <source>Biểu mẫu… (in lại)</source>
        <translation>Forms… (reprint)</translation>
    </message>
    <message>
        <source>Đã lưu tệp PDF: {path}</source>
        <translation>PDF saved: {path}</translation>
    </message>
    <message>
        <source>Không tìm thấy máy in &apos;{name}&apos; (printer.receipt).</source>
        <translation>Printer &apos;{name}&apos; not found (printer.receipt).</translation>
    </message>
    <message>
        <source>Không in được trên máy in &apos;{name}&apos;: {error}</source>
        <translation>Could not print on printer &apos;{name}&apos;: {error}</translation>
    </message>
    <message>
        <source>Đã gửi biểu mẫu đến máy in {where}</source>
        <translation>Form sent to printer {where}</translation>
    </message>
    <message>
        <source>Đã lưu biểu mẫu: {where}</source>
        <translation>Form saved: {where}</translation>
    </message>
    <message>
        <source>Không in được biểu mẫu: {error}</source>
        <translation>Could not print the form: {error}</translation>
    </message>
    <message>
        <source>In biểu mẫu</source>
        <translation>Print form</translation>
    </message>
    <message>
        <source>Xem trước: {form} — {code}</source>
        <translation>Preview: {form} — {code}</translation>
    </message>
    <message>
        <source>Biểu mẫu</source>
        <translation>Forms</translation>
    </message>
    <message>
        <source>Sổ theo dõi hồ sơ (Mẫu 06)…</source>
        <translation>Dossier register (Form 06)…</translation>
    </message>
</context>
<context>
    <name>HolidaysView</name>
    <message>
        <source>Đỏ: ngày nghỉ do cơ quan đặt · Xanh: ngày làm bù · Cam: ngày lễ theo quy định. Thứ Bảy, Chủ nhật là ngày nghỉ trừ khi đặt làm bù.</source>
        <translation>Red: day off set by the office · Green: make-up working day · Orange: public holiday. Saturdays and Sundays are off unless set as make-up days.</translation>
    </message>
    <message>
        <source>&amp;Ghi chú:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>ví dụ: Nghỉ bù Tết, làm bù ngày 2/1</source>
        <translation>e.g. Tết bridge day, make-up for 2/1</translation>
    </message>
    <message>
        <source>Đặt là ngày &amp;nghỉ</source>
        <translation>Set as &amp;day off</translation>
    </message>
    <message>
        <source>Đặt là ngày làm &amp;bù</source>
        <translation>Set as &amp;make-up day</translation>
    </message>
    <message>
        <source>Bỏ điều &amp;chỉnh</source>
        <translation>&amp;Clear override</translation>
    </message>
    <message>
        <source>Ngày nghỉ và ngày làm bù năm {year}</source>
        <translation>Days off and make-up days in {year}</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Tên, ghi chú</source>
        <translation>Name, note</translation>
    </message>
    <message>
        <source>Làm bù</source>
        <translation>Make-up day</translation>
    </message>
    <message>
        <source>Nghỉ (cơ quan đặt)</source>
        <translation>Day off (office)</translation>
    </message>
    <message>
        <source>Nghỉ lễ</source>
        <translation>Public holiday</translation>
    </message>
    <message>
        <source>Đã lưu. Hạn trả của hồ sơ nhận từ nay tính theo lịch mới.</source>
        <translation>Saved. Dossiers received from now on are due by the new calendar.</translation>
    </message>
</context>
<context>
    <name>Index766Controller</name>
    <message>
        <source>Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn</source>
        <translation>Dossiers resolved early or on time</translation>
    </message>
    <message>
        <source>Tỷ lệ số hóa hồ sơ khi tiếp nhận</source>
        <translation>Dossiers digitised at intake</translation>
    </message>
    <message>
        <source>Tỷ lệ số hóa kết quả giải quyết thủ tục hành chính</source>
        <translation>Results digitised</translation>
    </message>
    <message>
        <source>Tỷ lệ khai thác, sử dụng lại giấy tờ đã số hóa</source>
        <translation>Digitised papers reused</translation>
    </message>
    <message>
        <source>Tỷ lệ hồ sơ tiếp nhận trực tuyến</source>
        <translation>Dossiers received online</translation>
    </message>
    <message>
        <source>Tỷ lệ thanh toán trực tuyến, không dùng tiền mặt</source>
        <translation>Fees paid online or cashless</translation>
    </message>
    <message>
        <source>Tỷ lệ hài lòng trong tiếp nhận, giải quyết thủ tục hành chính</source>
        <translation>Satisfaction with intake and resolution</translation>
    </message>
    <message>
        <source>Công khai, minh bạch</source>
        <translation>Disclosure and transparency</translation>
    </message>
    <message>
        <source>Tiến độ, kết quả giải quyết</source>
        <translation>Progress and results</translation>
    </message>
    <message>
        <source>Số hóa hồ sơ</source>
        <translation>Digitisation</translation>
    </message>
    <message>
        <source>Cung cấp dịch vụ trực tuyến</source>
        <translation>Online services</translation>
    </message>
    <message>
        <source>Mức độ hài lòng</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>Đang tính chỉ số tháng {m}…</source>
        <translation>Computing the index of {m}…</translation>
    </message>
    <message>
        <source>Số liệu cả tháng {m}</source>
        <translation>Figures for the whole of {m}</translation>
    </message>
    <message>
        <source>Số liệu tháng {m} đến {t}</source>
        <translation>Figures of {m} up to {t}</translation>
    </message>
    <message>
        <source>Công thức: {f}</source>
        <translation>Formula (Vietnamese): {f}</translation>
    </message>
    <message>
        <source>(Chưa tìm thấy công thức trong văn bản chính thức: đây là cách tính của phần mềm, xem docs/index-766.md.)</source>
        <translation>(No formula was found in the official texts: this is the software's way of counting, see docs/index-766.md.)</translation>
    </message>
    <message>
        <source>Nguồn: {s}</source>
        <translation>Source: {s}</translation>
    </message>
    <message>
        <source>Hồ sơ kéo chỉ số xuống: {n}</source>
        <translation>Dossiers pulling the figure down: {n}</translation>
    </message>
    <message>
        <source>Không có hồ sơ nào kéo chỉ số này xuống.</source>
        <translation>No dossier pulls this figure down.</translation>
    </message>
</context>
<context>
    <name>Index766View</name>
    <message>
        <source>Chỉ số</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>Nhóm (QĐ 766)</source>
        <translation>Group (Decision 766)</translation>
    </message>
    <message>
        <source>Tháng này</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Tháng trước</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <source>Chỉ tiêu</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Đạt / tổng</source>
        <translation>Met / total</translation>
    </message>
    <message>
        <source>Chỉ số phục vụ theo Quyết định 766/QĐ-TTg</source>
        <translation>Service index under Decision 766/QĐ-TTg</translation>
    </message>
    <message>
        <source>Tháng:</source>
        <translation>Month:</translation>
    </message>
    <message>
        <source>Tính lại</source>
        <translation>Recompute</translation>
    </message>
    <message>
        <source>Enter hoặc nhấp đúp: mở hồ sơ</source>
        <translation>Enter or double-click: open the dossier</translation>
    </message>
    <message>
        <source>Tháng {m}</source>
        <translation>Month {m}</translation>
    </message>
</context>
<context>
    <name>IntakeController</name>
    <message>
        <source>Chưa chọn thủ tục.</source>
        <translation>No procedure chosen.</translation>
    </message>
    <message>
        <source>Phí, lệ phí: —</source>
        <translation>Fees: —</translation>
    </message>
    <message>
        <source>Hẹn trả: —</source>
        <translation>Due: —</translation>
    </message>
    <message>
        <source>Đã chọn: {name} ({code}) — {field}, {days} ngày làm việc</source>
        <translation>Chosen: {name} ({code}) — {field}, {days} working day(s)</translation>
    </message>
    <message>
        <source>Phí, lệ phí: {fee}</source>
        <translation>Fees: {fee}</translation>
    </message>
    <message>
        <source>Hẹn trả: {due}</source>
        <translation>Due: {due}</translation>
    </message>
    <message>
        <source>Hẹn trả: …</source>
        <translation>Due: …</translation>
    </message>
    <message>
        <source>Thiếu giấy tờ bắt buộc: {names}</source>
        <translation>Required papers missing: {names}</translation>
    </message>
    <message>
        <source>Còn {n} ô chưa hợp lệ, xem thông báo đỏ bên dưới từng ô.</source>
        <translation>{n} fields are not valid yet; see the red message under each.</translation>
    </message>
    <message>
        <source>Thiếu giấy tờ bắt buộc trong thành phần hồ sơ.</source>
        <translation>Required papers are missing from the dossier.</translation>
    </message>
    <message>
        <source>Đang lưu hồ sơ…</source>
        <translation>Saving the dossier…</translation>
    </message>
</context>
<context>
    <name>IntakeView</name>
    <message>
        <source>1. Thủ tục hành chính</source>
        <translation>1. Administrative procedure</translation>
    </message>
    <message>
        <source>&amp;Thủ tục:</source>
        <translation>&amp;Procedure:</translation>
    </message>
    <message>
        <source>Gõ tên hoặc mã thủ tục, không cần dấu (ví dụ: khai sinh)</source>
        <translation>Type the procedure&apos;s name or code, diacritics optional (e.g. khai sinh)</translation>
    </message>
    <message>
        <source>2. Thành phần hồ sơ theo quy định — đánh dấu giấy tờ đã nhận (* bắt buộc)</source>
        <translation>2. Papers the law lists — tick those received (* required)</translation>
    </message>
    <message>
        <source>3. Người nộp hồ sơ</source>
        <translation>3. Applicant</translation>
    </message>
    <message>
        <source>&amp;Họ và tên:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <source>Số &amp;CCCD:</source>
        <translation>&amp;Citizen ID:</translation>
    </message>
    <message>
        <source>Ngày &amp;sinh:</source>
        <translation>&amp;Birth date:</translation>
    </message>
    <message>
        <source>Số điện th&amp;oại:</source>
        <translation>P&amp;hone:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Email:</translation>
    </message>
    <message>
        <source>Đị&amp;a chỉ:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>Địa chỉ nhận &amp;qua bưu chính:</source>
        <translation>Postal &amp;delivery address:</translation>
    </message>
    <message>
        <source>Quét mã QR trên CCCD vào ô bất kỳ để điền tự động</source>
        <translation>Scan the citizen ID card&apos;s QR into any field to fill in</translation>
    </message>
    <message>
        <source>ngày/tháng/năm, không bắt buộc</source>
        <translation>day/month/year, optional</translation>
    </message>
    <message>
        <source>không bắt buộc</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Số &amp;bộ:</source>
        <translation>Se&amp;ts:</translation>
    </message>
    <message>
        <source>&amp;Nhận kết quả:</source>
        <translation>&amp;Result delivery:</translation>
    </message>
    <message>
        <source>Tại quầy</source>
        <translation>At the counter</translation>
    </message>
    <message>
        <source>Qua bưu chính công ích</source>
        <translation>By public postal service</translation>
    </message>
    <message>
        <source>&amp;Lưu và in biên nhận (Ctrl+Enter)</source>
        <translation>&amp;Save and print receipt (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Nhập &amp;mới</source>
        <translation>&amp;New</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Đã tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Đang xử lý</source>
        <translation>Processing</translation>
    </message>
    <message>
        <source>Chờ bổ sung hồ sơ</source>
        <translation>Awaiting supplement</translation>
    </message>
    <message>
        <source>Đã có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <source>Đã trả kết quả</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Từ chối</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Bản chính</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Bản sao</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Bản sao chứng thực</source>
        <translation>Certified copy</translation>
    </message>
    <message>
        <source>Cán bộ tiếp nhận</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>Lãnh đạo bộ phận</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Quản trị</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Tại quầy</source>
        <translation>At the counter</translation>
    </message>
    <message>
        <source>Qua bưu chính công ích</source>
        <translation>By public postal service</translation>
    </message>
    <message>
        <source>Tiếp nhận</source>
        <translation>Intake</translation>
    </message>
    <message>
        <source>Chuyển trạng thái</source>
        <translation>Status change</translation>
    </message>
    <message>
        <source>Xin lỗi, hẹn lại</source>
        <translation>Apology, new due date</translation>
    </message>
    <message>
        <source>Đã xảy ra lỗi không mong đợi ({error}). Chi tiết đã ghi vào nhật ký.</source>
        <translation>An unexpected error occurred ({error}). The details are in the log.</translation>
    </message>
    <message>
        <source>Miễn phí</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>đồng</source>
        <translation>VND</translation>
    </message>
    <message>
        <source>Chuyển khoản</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <source>Chuyển khoản VietQR</source>
        <translation>VietQR transfer</translation>
    </message>
    <message>
        <source>Chưa nộp</source>
        <translation>Unpaid</translation>
    </message>
    <message>
        <source>Không thu</source>
        <translation>Not charged</translation>
    </message>
    <message>
        <source>Nộp thiếu</source>
        <translation>Part paid</translation>
    </message>
    <message>
        <source>Phí, lệ phí {fee}; đã nộp {paid}; còn phải nộp {due}</source>
        <translation>Fee {fee}; paid {paid}; still due {due}</translation>
    </message>
    <message>
        <source>Thủ tục không thu phí, lệ phí</source>
        <translation>This procedure has no fee</translation>
    </message>
    <message>
        <source>Tiền mặt</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Đã nộp</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Dừng giải quyết</source>
        <translation>Stopped</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>{down}: đang chờ máy chủ văn phòng để mở dữ liệu. Phần mềm tự kết nối lại; hãy kiểm tra mạng và máy chủ văn phòng.</source>
        <translation>{down} (office server connection lost): waiting for the office server to open the data. Reconnecting by itself; please check the network and the office server.</translation>
    </message>
    <message>
        <source>Đăng nhập — Bộ phận Một cửa</source>
        <translation>Log in — One-stop office</translation>
    </message>
    <message>
        <source>Bộ phận Tiếp nhận và Trả kết quả — Quầy {n}</source>
        <translation>Reception and Results Office — Counter {n}</translation>
    </message>
    <message>
        <source>&amp;Tên đăng nhập:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Đăng &amp;nhập</source>
        <translation>&amp;Log in</translation>
    </message>
    <message>
        <source>&amp;Thoát</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>Nhập tên đăng nhập và mật khẩu.</source>
        <translation>Enter your username and password.</translation>
    </message>
    <message>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đã bị khóa.</source>
        <translation>Wrong username or password, or the account is locked.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Các quầy lúc này…</source>
        <translation>Counters now…</translation>
    </message>
    <message>
        <source>{down}: chưa lưu được gì lúc này, dữ liệu đã có vẫn nguyên vẹn. Phần mềm đang tự kết nối lại; hãy kiểm tra mạng và máy chủ văn phòng.</source>
        <translation>{down} (office server connection lost): nothing can be saved right now; the data already saved is intact. Reconnecting by itself; please check the network and the office server.</translation>
    </message>
    <message>
        <source>&amp;Giới thiệu…</source>
        <translation>&amp;About…</translation>
    </message>
    <message>
        <source>Tiếp nhận hồ sơ (F2)</source>
        <translation>Intake (F2)</translation>
    </message>
    <message>
        <source>Theo dõi, trả kết quả (F3)</source>
        <translation>Dossiers and returns (F3)</translation>
    </message>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Tài khoản</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Hàng đợi (F4)</source>
        <translation>Queue (F4)</translation>
    </message>
    <message>
        <source>Bộ phận Một cửa — {agency} — Quầy {n}</source>
        <translation>One-stop office — {agency} — Counter {n}</translation>
    </message>
    <message>
        <source>Hệ thống</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Xem</source>
        <translation>View</translation>
    </message>
    <message>
        <source>Đăng &amp;xuất</source>
        <translation>Log &amp;out</translation>
    </message>
    <message>
        <source>&amp;Thoát</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>&amp;Làm mới dữ liệu</source>
        <translation>&amp;Refresh data</translation>
    </message>
    <message>
        <source>Phản ánh, kiến nghị</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Không mời đánh giá được: {error}</source>
        <translation>Could not offer the rating: {error}</translation>
    </message>
    <message>
        <source>Chỉ số 766</source>
        <translation>Index 766</translation>
    </message>
</context>
<context>
    <name>PaymentCollector</name>
    <message>
        <source>, còn {due}</source>
        <translation>, {due} still due</translation>
    </message>
    <message>
        <source>Hồ sơ {code} không còn khoản phí nào phải nộp ({state}).</source>
        <translation>Dossier {code} has no fee left to pay ({state}).</translation>
    </message>
    <message>
        <source>Thu &amp;phí, lệ phí…</source>
        <translation>Collect &amp;fee…</translation>
    </message>
    <message>
        <source>Đã thu {amount} ({method}) của hồ sơ {code}: {state}.</source>
        <translation>Collected {amount} ({method}) for dossier {code}: {state}.</translation>
    </message>
    <message>
        <source>Thủ tục không thu phí, lệ phí</source>
        <translation>This procedure has no fee</translation>
    </message>
    <message>
        <source>Hồ sơ đã bị từ chối tiếp nhận: không thu phí, lệ phí</source>
        <translation>The dossier was rejected: no fee is collected</translation>
    </message>
    <message>
        <source>Đã nộp đủ {fee}</source>
        <translation>{fee} paid in full</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>&amp;Ghi nhận đã thu (Ctrl+Enter)</source>
        <translation>&amp;Record payment (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;Hình thức nộp:</source>
        <translation>&amp;Method:</translation>
    </message>
    <message>
        <source>&amp;In lại giấy tiếp nhận (ghi &quot;Đã nộp&quot;)</source>
        <translation>&amp;Reprint the receipt (marked &quot;Paid&quot;)</translation>
    </message>
    <message>
        <source>&amp;Mã giao dịch (nếu có):</source>
        <translation>&amp;Transaction ref. (if any):</translation>
    </message>
    <message>
        <source>&amp;Số tiền (đồng):</source>
        <translation>&amp;Amount (VND):</translation>
    </message>
    <message>
        <source>Chưa khai báo tài khoản ngân hàng
(Cài đặt → Tài khoản ngân hàng):
không có mã VietQR, chỉ thu tiền mặt.</source>
        <translation>No bank account configured
(Settings → Bank account):
no VietQR code, cash only.</translation>
    </message>
    <message>
        <source>Chủ tài khoản: {name}</source>
        <translation>Account holder: {name}</translation>
    </message>
    <message>
        <source>Hồ sơ &lt;b&gt;{code}&lt;/b&gt; — {name}&lt;br&gt;{procedure}</source>
        <translation>Dossier &lt;b&gt;{code}&lt;/b&gt; — {name}&lt;br&gt;{procedure}</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Ngân hàng: {bank}</source>
        <translation>Bank: {bank}</translation>
    </message>
    <message>
        <source>Nhập số tiền hợp lệ
để hiện mã VietQR.</source>
        <translation>Enter a valid amount
to show the VietQR code.</translation>
    </message>
    <message>
        <source>Nội dung: {purpose}</source>
        <translation>Transfer note: {purpose}</translation>
    </message>
    <message>
        <source>Phí, lệ phí: {fee} · Đã nộp: {paid} · &lt;b&gt;Còn phải nộp: {due}&lt;/b&gt; ({state})</source>
        <translation>Fee: {fee} · Paid: {paid} · &lt;b&gt;Still due: {due}&lt;/b&gt; ({state})</translation>
    </message>
    <message>
        <source>Quét mã VietQR để chuyển khoản {amount}</source>
        <translation>Scan the VietQR code to transfer {amount}</translation>
    </message>
    <message>
        <source>Số tiền: không được để trống</source>
        <translation>Amount: must not be empty</translation>
    </message>
    <message>
        <source>Số tiền: phải là số nguyên đồng, ví dụ 10.000</source>
        <translation>Amount: must be a whole number of VND, e.g. 10,000</translation>
    </message>
    <message>
        <source>Số tiền: phải lớn hơn 0 đồng</source>
        <translation>Amount: must be more than 0 VND</translation>
    </message>
    <message>
        <source>Số tiền: {amount} vượt số còn phải nộp ({due}); không thu quá số phải nộp</source>
        <translation>Amount: {amount} is more than what is still due ({due}); never collect more than is due</translation>
    </message>
    <message>
        <source>Số tài khoản: {account}</source>
        <translation>Account number: {account}</translation>
    </message>
    <message>
        <source>Thu phí, lệ phí — {code}</source>
        <translation>Collect fee — {code}</translation>
    </message>
    <message>
        <source>Đang ghi nhận…</source>
        <translation>Recording…</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Tiếp tục</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Tạm nghỉ…</source>
        <translation>Pause…</translation>
    </message>
    <message>
        <source>Số vắng mặt quay lại…</source>
        <translation>No-show returns…</translation>
    </message>
    <message>
        <source>Quầy đang tạm nghỉ: {reason}</source>
        <translation>This counter is paused: {reason}</translation>
    </message>
    <message>
        <source>Quầy {n} tạm nghỉ: {reason}.</source>
        <translation>Counter {n} paused: {reason}.</translation>
    </message>
    <message>
        <source>Quầy {n} làm việc tiếp.</source>
        <translation>Counter {n} is back at work.</translation>
    </message>
    <message>
        <source>Hôm nay chưa có số vắng mặt nào.</source>
        <translation>No no-show numbers today.</translation>
    </message>
    <message>
        <source>Số {number} đã quay lại hàng chờ.</source>
        <translation>Number {number} is back in the queue.</translation>
    </message>
    <message>
        <source>Số thứ tự — Quầy {n}</source>
        <translation>Queue — Counter {n}</translation>
    </message>
    <message>
        <source>Đang phục vụ:</source>
        <translation>Now serving:</translation>
    </message>
    <message>
        <source>Gọi số tiếp</source>
        <translation>Call next</translation>
    </message>
    <message>
        <source>Gọi lại</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>Vắng mặt</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>Chuyển…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Phát số:</source>
        <translation>Issue a number:</translation>
    </message>
    <message>
        <source>Ưu tiên</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Phát số</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>In lại phiếu</source>
        <translation>Reprint ticket</translation>
    </message>
    <message>
        <source>Lỗi: {error}</source>
        <translation>Error: {error}</translation>
    </message>
    <message>
        <source>, {n} ưu tiên</source>
        <translation>, {n} priority</translation>
    </message>
    <message>
        <source>Đang chờ — </source>
        <translation>Waiting — </translation>
    </message>
    <message>
        <source>Phiếu chưa in được: </source>
        <translation>Tickets not printed: </translation>
    </message>
    <message>
        <source> · ưu tiên</source>
        <translation> · priority</translation>
    </message>
    <message>
        <source> · gọi lại {n} lần</source>
        <translation> · recalled {n}×</translation>
    </message>
    <message>
        <source>Đã gọi số {number} đến quầy {n}.</source>
        <translation>Number {number} called to counter {n}.</translation>
    </message>
    <message>
        <source>Đã gọi lại số {number}.</source>
        <translation>Number {number} called again.</translation>
    </message>
    <message>
        <source>Số {number} vắng mặt, đã bỏ qua.</source>
        <translation>Number {number} did not come; skipped.</translation>
    </message>
    <message>
        <source>Đã chuyển số {number} sang {service}.</source>
        <translation>Number {number} transferred to {service}.</translation>
    </message>
    <message>
        <source>Đã xong số {number}.</source>
        <translation>Number {number} done.</translation>
    </message>
    <message>
        <source>Đã phát số {number} nhưng chưa in được phiếu: {error}. Bấm “In lại phiếu” khi máy in sẵn sàng.</source>
        <translation>Number {number} issued but its ticket was not printed: {error}. Press “Reprint ticket” when the printer is ready.</translation>
    </message>
    <message>
        <source>Đã phát số {number} ({service}).</source>
        <translation>Number {number} issued ({service}).</translation>
    </message>
    <message>
        <source>Đã in lại phiếu số {number}.</source>
        <translation>Ticket {number} reprinted.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Yêu cầu bổ sung, hoàn thiện hồ sơ</source>
        <translation>Request to supplement the dossier</translation>
    </message>
    <message>
        <source>Từ chối tiếp nhận, giải quyết hồ sơ</source>
        <translation>Refuse the dossier</translation>
    </message>
    <message>
        <source>Hồ sơ &lt;b&gt;{code}&lt;/b&gt; — {name}&lt;br&gt;{procedure}&lt;br&gt;Hẹn trả hiện tại: {due}</source>
        <translation>Dossier &lt;b&gt;{code}&lt;/b&gt; — {name}&lt;br&gt;{procedure}&lt;br&gt;Current due: {due}</translation>
    </message>
    <message>
        <source>&amp;Lý do:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>&amp;Nội dung cần bổ sung
(mỗi dòng một mục):</source>
        <translation>&amp;Papers to add
(one per line):</translation>
    </message>
    <message>
        <source>&amp;Hẹn trả mới:</source>
        <translation>&amp;New due:</translation>
    </message>
    <message>
        <source>Đồng ý (Ctrl+Enter)</source>
        <translation>OK (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;Hủy</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Lý do: cần ghi rõ lý do</source>
        <translation>Reason: a reason is required</translation>
    </message>
    <message>
        <source>Dừng giải quyết hồ sơ</source>
        <translation>Stop processing the dossier</translation>
    </message>
    <message>
        <source>Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết</source>
        <translation>Apology and request for more time</translation>
    </message>
</context>
<context>
    <name>ReceiptSummaryDialog</name>
    <message>
        <source>Đã tiếp nhận hồ sơ</source>
        <translation>Dossier received</translation>
    </message>
    <message>
        <source>Đã tiếp nhận hồ sơ. Mã hồ sơ:</source>
        <translation>Dossier received. Dossier code:</translation>
    </message>
    <message>
        <source>Thủ tục:</source>
        <translation>Procedure:</translation>
    </message>
    <message>
        <source>Người nộp:</source>
        <translation>Applicant:</translation>
    </message>
    <message>
        <source>{name} — CCCD {id}</source>
        <translation>{name} — citizen ID {id}</translation>
    </message>
    <message>
        <source>Phí, lệ phí:</source>
        <translation>Fees:</translation>
    </message>
    <message>
        <source>Hẹn trả: {due}</source>
        <translation>Due: {due}</translation>
    </message>
    <message>
        <source>Xong — tiếp công dân sau (Enter)</source>
        <translation>Done — next citizen (Enter)</translation>
    </message>
    <message>
        <source>Thu &amp;phí ngay…</source>
        <translation>Collect the &amp;fee now…</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>&amp;In</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <source>&amp;Từ ngày</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>&amp;Xem trước</source>
        <translation>Pre&amp;view</translation>
    </message>
    <message>
        <source>Hồ sơ tiếp nhận trong khoảng ngày (cả hai ngày):</source>
        <translation>Dossiers received between these days (both included):</translation>
    </message>
    <message>
        <source>Sổ theo dõi hồ sơ (Mẫu 06)</source>
        <translation>Dossier register (Form 06)</translation>
    </message>
    <message>
        <source>Đó&amp;ng</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Đến &amp;ngày</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <source>Đến ngày: phải không trước ngày bắt đầu</source>
        <translation>To: must not be before the start day</translation>
    </message>
</context>
<context>
    <name>ReportsPanel</name>
    <message>
        <source>Tiếp cận</source>
        <translation>Access</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Công chức</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Phản ánh</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>Hồ sơ tiếp nhận trong tháng</source>
        <translation>Dossiers received this month</translation>
    </message>
    <message>
        <source>Hồ sơ đã giải quyết (có kết quả) trong tháng</source>
        <translation>Dossiers resolved (result ready) this month</translation>
    </message>
    <message>
        <source>– Trước hạn</source>
        <translation>– Early</translation>
    </message>
    <message>
        <source>– Đúng hạn</source>
        <translation>– On time</translation>
    </message>
    <message>
        <source>– Quá hạn</source>
        <translation>– Late</translation>
    </message>
    <message>
        <source>Tỷ lệ giải quyết đúng hạn (trước hạn + đúng hạn)</source>
        <translation>Resolved on time (early + on time)</translation>
    </message>
    <message>
        <source>Hồ sơ từ chối tiếp nhận, giải quyết trong tháng</source>
        <translation>Dossiers rejected this month</translation>
    </message>
    <message>
        <source>Hồ sơ chưa giải quyết xong tại thời điểm cuối kỳ</source>
        <translation>Dossiers still open at month end</translation>
    </message>
    <message>
        <source>– trong đó đã quá hạn hẹn trả</source>
        <translation>– of which past their due time</translation>
    </message>
    <message>
        <source>Phiếu xin lỗi đã lập trong tháng</source>
        <translation>Apology letters issued this month</translation>
    </message>
    <message>
        <source>Hồ sơ quá hạn chưa có phiếu xin lỗi</source>
        <translation>Overdue dossiers without an apology letter</translation>
    </message>
    <message>
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Bình thường</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>Không hài lòng</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>Tổng số lượt đánh giá</source>
        <translation>Total ratings</translation>
    </message>
    <message>
        <source>Số lượt mời đánh giá</source>
        <translation>Rating invitations</translation>
    </message>
    <message>
        <source>Tỷ lệ người dân đánh giá (đánh giá ÷ mời)</source>
        <translation>Response rate (ratings ÷ invitations)</translation>
    </message>
    <message>
        <source>Tỷ lệ hài lòng (Rất hài lòng + Hài lòng)</source>
        <translation>Satisfied (very satisfied + satisfied)</translation>
    </message>
    <message>
        <source>Tiếp cận dịch vụ</source>
        <translation>Access to the service</translation>
    </message>
    <message>
        <source>Thủ tục hành chính</source>
        <translation>Administrative procedures</translation>
    </message>
    <message>
        <source>Kết quả giải quyết</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị</source>
        <translation>Handling comments and complaints</translation>
    </message>
    <message>
        <source>Đạt</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>Không đạt</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>Tiền mặt</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Chuyển khoản</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <source>Chuyển khoản VietQR</source>
        <translation>VietQR transfer</translation>
    </message>
    <message>
        <source>Tổng cộng</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Phản ánh, kiến nghị tiếp nhận trong tháng</source>
        <translation>Feedback received this month</translation>
    </message>
    <message>
        <source>Đã trả lời trong tháng</source>
        <translation>Answered this month</translation>
    </message>
    <message>
        <source>– trả lời đúng hạn</source>
        <translation>– answered on time</translation>
    </message>
    <message>
        <source>– trả lời quá hạn</source>
        <translation>– answered late</translation>
    </message>
    <message>
        <source>Chưa trả lời tại cuối kỳ</source>
        <translation>Unanswered at month end</translation>
    </message>
    <message>
        <source>– trong đó đã quá hạn trả lời</source>
        <translation>– of which past their answer deadline</translation>
    </message>
    <message>
        <source>TT</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Hạn trả ban đầu</source>
        <translation>Original due</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Phiếu xin lỗi</source>
        <translation>Apology letter</translation>
    </message>
    <message>
        <source>Hẹn trả lại</source>
        <translation>New due</translation>
    </message>
    <message>
        <source>Quầy / dịch vụ</source>
        <translation>Counter / service</translation>
    </message>
    <message>
        <source>Số phát</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Đã phục vụ</source>
        <translation>Served</translation>
    </message>
    <message>
        <source>Vắng mặt</source>
        <translation>No-shows</translation>
    </message>
    <message>
        <source>Chờ TB</source>
        <translation>Avg wait</translation>
    </message>
    <message>
        <source>Chờ P90</source>
        <translation>Wait P90</translation>
    </message>
    <message>
        <source>Phục vụ TB</source>
        <translation>Avg service</translation>
    </message>
    <message>
        <source>chức năng đánh giá mức độ hài lòng</source>
        <translation>satisfaction rating</translation>
    </message>
    <message>
        <source>chức năng xếp hàng lấy số thứ tự</source>
        <translation>the ticket queue</translation>
    </message>
    <message>
        <source>chức năng thu phí, lệ phí</source>
        <translation>fee collection</translation>
    </message>
    <message>
        <source>chức năng tiếp nhận phản ánh, kiến nghị</source>
        <translation>feedback handling</translation>
    </message>
    <message>
        <source>Hồ sơ tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Đã giải quyết</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>Tồn quá hạn cuối kỳ</source>
        <translation>Overdue at month end</translation>
    </message>
    <message>
        <source>Quá hạn chưa có phiếu xin lỗi</source>
        <translation>Overdue, no apology</translation>
    </message>
    <message>
        <source>Thời gian chờ TB</source>
        <translation>Average wait</translation>
    </message>
    <message>
        <source>Phí, lệ phí đã thu</source>
        <translation>Fees collected</translation>
    </message>
    <message>
        <source>I. Tiếp nhận và giải quyết hồ sơ</source>
        <translation>I. Dossiers received and resolved</translation>
    </message>
    <message>
        <source>III. Mức độ hài lòng</source>
        <translation>III. Satisfaction</translation>
    </message>
    <message>
        <source>II. Hồ sơ quá hạn và phiếu xin lỗi</source>
        <translation>II. Overdue dossiers and apology letters</translation>
    </message>
    <message>
        <source>Nhóm tiêu chí SIPAS so với chỉ tiêu</source>
        <translation>SIPAS criteria groups vs. target</translation>
    </message>
    <message>
        <source>Hài lòng theo cán bộ</source>
        <translation>Satisfaction by clerk</translation>
    </message>
    <message>
        <source>Hài lòng theo lĩnh vực</source>
        <translation>Satisfaction by field</translation>
    </message>
    <message>
        <source>IV. Xếp hàng lấy số thứ tự</source>
        <translation>IV. Queue tickets</translation>
    </message>
    <message>
        <source>V. Thu phí, lệ phí</source>
        <translation>V. Fees collected</translation>
    </message>
    <message>
        <source>VI. Phản ánh, kiến nghị</source>
        <translation>VI. Feedback and complaints</translation>
    </message>
    <message>
        <source>Tháng báo cáo:</source>
        <translation>Report month:</translation>
    </message>
    <message>
        <source>Xem báo cáo</source>
        <translation>Show report</translation>
    </message>
    <message>
        <source>Xuất PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>Xuất CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>{h} giờ {m} phút</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <source>{m} phút {s} giây</source>
        <translation>{m} min {s} s</translation>
    </message>
    <message>
        <source>Chưa có số liệu: {what} chưa được cài đặt trên máy này</source>
        <translation>No data: {what} is not installed on this computer</translation>
    </message>
    <message>
        <source> (không có bảng {tables}).</source>
        <translation> (no table {tables}).</translation>
    </message>
    <message>
        <source> Mục này không được tính, không ghi số 0.</source>
        <translation> This section is left out, not counted as zero.</translation>
    </message>
    <message>
        <source>Trả kết quả {t}</source>
        <translation>Returned {t}</translation>
    </message>
    <message>
        <source>Chưa có kết quả</source>
        <translation>No result yet</translation>
    </message>
    <message>
        <source>Số {n}, ngày {d}</source>
        <translation>No. {n}, {d}</translation>
    </message>
    <message>
        <source>Đang tính số liệu tháng {m}…</source>
        <translation>Computing the figures for {m}…</translation>
    </message>
    <message>
        <source>Số liệu tháng {m}, tính lúc {t}</source>
        <translation>Figures for {m}, computed at {t}</translation>
    </message>
    <message>
        <source>chưa có</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>Chỉ tiêu</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>Số lượng</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Tỷ lệ</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>CHƯA CÓ — cần lập phiếu xin lỗi</source>
        <translation>NONE — apology letter needed</translation>
    </message>
    <message>
        <source>Không có hồ sơ quá hạn trong kỳ.</source>
        <translation>No overdue dossiers this month.</translation>
    </message>
    <message>
        <source>Mức đánh giá</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>Số lượt</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Nhóm tiêu chí</source>
        <translation>Criteria group</translation>
    </message>
    <message>
        <source>Câu trả lời</source>
        <translation>Answers</translation>
    </message>
    <message>
        <source>Chỉ tiêu</source>
        <comment>target percentage</comment>
        <translation>Target</translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>Chưa có lượt đánh giá nào.</source>
        <translation>No ratings yet.</translation>
    </message>
    <message>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Hình thức nộp</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Tỷ lệ đúng hạn {n} tháng gần nhất</source>
        <translation>On-time rate, last {n} months</translation>
    </message>
    <message>
        <source>Hài lòng theo nhóm SIPAS so với chỉ tiêu</source>
        <translation>SIPAS satisfaction vs. target</translation>
    </message>
    <message>
        <source>Hài lòng theo nhóm SIPAS: chưa có số liệu</source>
        <translation>SIPAS satisfaction: no data</translation>
    </message>
    <message>
        <source>Tỷ lệ hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Phân bố thời gian chờ (phút)</source>
        <translation>Waiting time distribution (minutes)</translation>
    </message>
    <message>
        <source>Thời gian chờ: chưa có số liệu</source>
        <translation>Waiting time: no data</translation>
    </message>
    <message>
        <source>từ {n}</source>
        <translation>{n}+</translation>
    </message>
    <message>
        <source>Lưu báo cáo PDF</source>
        <translation>Save PDF report</translation>
    </message>
    <message>
        <source>Lưu số liệu CSV</source>
        <translation>Save CSV figures</translation>
    </message>
    <message>
        <source>Đang ghi tệp…</source>
        <translation>Writing the file…</translation>
    </message>
    <message>
        <source>Đã lưu {p}</source>
        <translation>Saved {p}</translation>
    </message>
    <message>
        <source>Hồ sơ dừng giải quyết trong tháng</source>
        <translation>Dossiers stopped this month</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Máy in, máy quét</source>
        <translation>Printers, scanner</translation>
    </message>
    <message>
        <source>Cơ quan và quầy</source>
        <translation>Agency and counter</translation>
    </message>
    <message>
        <source>Giờ làm việc, ngày nghỉ</source>
        <translation>Office hours, days off</translation>
    </message>
    <message>
        <source>Tài khoản ngân hàng</source>
        <translation>Bank account</translation>
    </message>
    <message>
        <source>Biểu mẫu</source>
        <translation>Forms</translation>
    </message>
    <message>
        <source>Máy in</source>
        <translation>Printers</translation>
    </message>
    <message>
        <source>Hàng đợi</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Đánh giá, phản ánh</source>
        <translation>Ratings and feedback</translation>
    </message>
    <message>
        <source>Máy chủ thành phố</source>
        <translation>City server</translation>
    </message>
    <message>
        <source>Giao diện</source>
        <translation>Interface</translation>
    </message>
    <message>
        <source>Khác</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>&amp;Lưu cài đặt (Ctrl+S)</source>
        <translation>&amp;Save settings (Ctrl+S)</translation>
    </message>
    <message>
        <source>Hoàn tác</source>
        <translation>Revert</translation>
    </message>
    <message>
        <source>◆ dùng chung cho cả văn phòng: lưu ở máy chủ văn phòng, mọi máy thấy sau vài giây. Các mục khác chỉ áp dụng cho máy này.</source>
        <translation>◆ shared by the whole office: kept on the office server, every PC sees it within seconds. The other items apply to this PC only.</translation>
    </message>
    <message>
        <source>Chưa lưu: còn ô chưa hợp lệ (xem thông báo đỏ).</source>
        <translation>Not saved: some fields are not valid (see the red messages).</translation>
    </message>
    <message>
        <source>Không có thay đổi nào.</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <source>Đã lưu {n} thay đổi.</source>
        <translation>Changes saved: {n}.</translation>
    </message>
    <message>
        <source>Tên biểu mẫu</source>
        <translation>Form titles</translation>
    </message>
    <message>
        <source>Số hiệu biểu mẫu</source>
        <translation>Form numbers</translation>
    </message>
    <message>
        <source>Chỉ số 766</source>
        <translation>Index 766</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Đã đồng bộ {n} sự kiện với máy chủ thành phố.</source>
        <translation>Synced {n} events with the city server.</translation>
    </message>
    <message>
        <source>Chưa đồng bộ: đang có máy khác gửi dữ liệu lên máy chủ thành phố.</source>
        <translation>Not synced: another PC is sending to the city server right now.</translation>
    </message>
    <message>
        <source>Đồng bộ lúc {t} không thành công</source>
        <translation>Sync at {t} failed</translation>
    </message>
    <message>
        <source>Đồng bộ không thành công</source>
        <translation>Sync failed</translation>
    </message>
    <message>
        <source>Đồng bộ &amp;ngay với máy chủ thành phố</source>
        <translation>Sync &amp;now with the city server</translation>
    </message>
    <message>
        <source>Thử lại</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Đồng bộ %v/%m</source>
        <translation>Syncing %v/%m</translation>
    </message>
</context>
<context>
    <name>UpdateNotice</name>
    <message>
        <source>Đã có phiên bản mới {latest} (máy này: {running})</source>
        <translation>A new version is available: {latest} (this PC: {running})</translation>
    </message>
    <message>
        <source>Tải về</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Thành phố đã công bố phiên bản này; phần mềm không tự cài đặt.</source>
        <translation>The city has announced this version; the software never installs itself.</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Đặt lại mật khẩu</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>Tài khoản: {u}</source>
        <translation>Account: {u}</translation>
    </message>
    <message>
        <source>Thêm tài khoản</source>
        <translation>Add account</translation>
    </message>
    <message>
        <source>&amp;Tên đăng nhập:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <source>&amp;Họ và tên:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <source>&amp;Vai trò:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Nhập lại mật khẩu:</source>
        <translation>&amp;Repeat password:</translation>
    </message>
    <message>
        <source>&amp;Lưu</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>&amp;Hủy</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không giống nhau.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>UsersView</name>
    <message>
        <source>Tên đăng nhập</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Thêm tài khoản…</source>
        <translation>&amp;Add account…</translation>
    </message>
    <message>
        <source>Đặt lại &amp;mật khẩu…</source>
        <translation>Reset &amp;password…</translation>
    </message>
    <message>
        <source>&amp;Vai trò:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>Đổi vai trò</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>Đang dùng</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Đã khóa</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>Mở &amp;khóa tài khoản</source>
        <translation>Un&amp;lock account</translation>
    </message>
    <message>
        <source>&amp;Khóa tài khoản</source>
        <translation>&amp;Lock account</translation>
    </message>
    <message>
        <source>Đã thêm tài khoản {u}.</source>
        <translation>Account {u} added.</translation>
    </message>
    <message>
        <source>Đã đặt lại mật khẩu cho {u}.</source>
        <translation>Password of {u} reset.</translation>
    </message>
    <message>
        <source>Đã cập nhật tài khoản {u}.</source>
        <translation>Account {u} updated.</translation>
    </message>
</context>
<context>
    <name>Digitiser</name>
    <message>
        <source>Thư mục quét có {n} tệp mới ({names}): gắn vào giấy tờ bằng Số hóa › Từ thư mục quét…</source>
        <translation>The scan folder has {n} new files ({names}): attach one to a paper with Digitise › From the scan folder…</translation>
    </message>
    <message>
        <source>↺ Dùng lại</source>
        <translation>↺ Reuse</translation>
    </message>
    <message>
        <source>Dùng lại bản đã số hóa của hồ sơ {code}</source>
        <translation>Reuse the copy digitised for dossier {code}</translation>
    </message>
    <message>
        <source>✓ {pages} tr.</source>
        <translation>✓ {pages} p.</translation>
    </message>
    <message>
        <source>Đã số hóa: {pages} trang, {kb} KB — lưu cùng hồ sơ</source>
        <translation>Digitised: {pages} pages, {kb} KB — stored with the dossier</translation>
    </message>
    <message>
        <source>Số &amp;hóa giấy tờ…</source>
        <translation>&amp;Digitise papers…</translation>
    </message>
    <message>
        <source>Chọn tệp PDF hoặc ảnh đã quét</source>
        <translation>Choose a scanned PDF or image</translation>
    </message>
    <message>
        <source>PDF hoặc ảnh (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</source>
        <translation>PDF or image (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Tệp mới trong thư mục quét {folder}</source>
        <translation>New files in the scan folder {folder}</translation>
    </message>
    <message>
        <source>Chưa có tệp mới. Quét trên máy quét vào thư mục này: tệp sẽ hiện ra ở đây.</source>
        <translation>No new file yet. Scan into this folder on the scanner: the file will appear here.</translation>
    </message>
    <message>
        <source>Giấy tờ đã số hóa của công dân, còn giá trị</source>
        <translation>The citizen's digitised papers still valid</translation>
    </message>
    <message>
        <source>Công dân chưa có giấy tờ nào đã số hóa còn giá trị.</source>
        <translation>The citizen has no digitised paper that is still valid.</translation>
    </message>
    <message>
        <source>{name} — {pages} trang, hồ sơ {code}, {until}</source>
        <translation>{name} — {pages} pages, dossier {code}, {until}</translation>
    </message>
    <message>
        <source>đến {d}</source>
        <translation>until {d}</translation>
    </message>
    <message>
        <source>không thời hạn</source>
        <translation>no end date</translation>
    </message>
    <message>
        <source>Đang đọc…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>Chưa số hóa</source>
        <translation>Not digitised</translation>
    </message>
    <message>
        <source>{pages} trang, {kb} KB — {by}, {at}</source>
        <translation>{pages} pages, {kb} KB — {by}, {at}</translation>
    </message>
    <message>
        <source>(dùng lại)</source>
        <translation>(reused)</translation>
    </message>
    <message>
        <source>KQ</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Kết quả giải quyết không dùng lại được từ hồ sơ khác.</source>
        <translation>The result cannot be reused from another dossier.</translation>
    </message>
    <message>
        <source>Đang quét…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>FilesDialog</name>
    <message>
        <source>Số hóa hồ sơ {code}</source>
        <translation>Digitise dossier {code}</translation>
    </message>
    <message>
        <source>Số</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Giấy tờ</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>Bản số hóa</source>
        <translation>Digitised copy</translation>
    </message>
    <message>
        <source>&amp;Quét</source>
        <translation>&amp;Scan</translation>
    </message>
    <message>
        <source>Từ &amp;thư mục quét…</source>
        <translation>From the scan &amp;folder…</translation>
    </message>
    <message>
        <source>Từ tệ&amp;p…</source>
        <translation>From a fi&amp;le…</translation>
    </message>
    <message>
        <source>&amp;Dùng lại bản đã có…</source>
        <translation>&amp;Reuse a copy…</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>IntakeDigitising</name>
    <message>
        <source>Nhập số CCCD trước để tìm giấy tờ đã số hóa.</source>
        <translation>Enter the ID card number first to find digitised papers.</translation>
    </message>
    <message>
        <source>đang quét…</source>
        <translation>scanning…</translation>
    </message>
    <message>
        <source>Công dân có {n} giấy tờ đã số hóa còn giá trị: dùng lại, không cần quét lại.</source>
        <translation>The citizen has {n} digitised papers still valid: reused, no need to scan them again.</translation>
    </message>
    <message>
        <source>Hồ sơ {code} đã lưu, nhưng chưa lưu được bản số hóa: {why}</source>
        <translation>Dossier {code} is saved, but its digitised papers are not: {why}</translation>
    </message>
    <message>
        <source>Đã lưu {n} giấy tờ số hóa vào hồ sơ {code}.</source>
        <translation>Stored {n} digitised papers in dossier {code}.</translation>
    </message>
</context>
<context>
    <name>PickDialog</name>
    <message>
        <source>Chọn</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>OfficePanel</name>
    <message>
        <source>{down}: đang hiện trạng thái cuối cùng đã biết.</source>
        <translation>{down} (office server connection lost): showing the last known state.</translation>
    </message>
    <message>
        <source>Hồ sơ xử lý hôm nay</source>
        <translation>Dossiers handled today</translation>
    </message>
    <message>
        <source>Số đã gọi hôm nay</source>
        <translation>Numbers called today</translation>
    </message>
    <message>
        <source>Đang phục vụ số</source>
        <translation>Serving number</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Cán bộ đang đăng nhập</source>
        <translation>Clerk logged in</translation>
    </message>
    <message>
        <source>Quầy</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Các quầy lúc này</source>
        <translation>Counters now</translation>
    </message>
    <message>
        <source>Không hoạt động</source>
        <translation>Not running</translation>
    </message>
    <message>
        <source>Đang làm việc</source>
        <translation>Working</translation>
    </message>
    <message>
        <source>Tạm nghỉ: {reason}</source>
        <translation>Paused: {reason}</translation>
    </message>
    <message>
        <source>Không có ai</source>
        <translation>Nobody</translation>
    </message>
    <message>
        <source>Không có ai (lần cuối {t})</source>
        <translation>Nobody (last seen {t})</translation>
    </message>
    <message>
        <source>Cập nhật {t}</source>
        <translation>Updated {t}</translation>
    </message>
</context>
</TS>
