<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
        <source>Cơ quan và quầy</source>
        <translation>Agency and counter</translation>
    </message>
    <message>
        <source>Thông tin in trên biên nhận và dùng trong mã hồ sơ. Có thể sửa sau trong Cài đặt.</source>
        <translation>Printed on receipts and used in dossier codes. You can change it later in Settings.</translation>
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
</context>
<context>
    <name>BoardView</name>
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
</context>
<context>
    <name>ConfigLabels</name>
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
        <source>Tự in biên nhận sau khi tiếp nhận</source>
        <translation>Print the receipt after each intake</translation>
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
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
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
    <name>DossierDetailDialog</name>
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
        <source>Đã tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Đang xử lý</source>
        <translation>Processing</translation>
    </message>
    <message>
        <source>Chờ bổ sung</source>
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
        <source>thứ Hai</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>thứ Ba</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>thứ Tư</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>thứ Năm</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>thứ Sáu</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>thứ Bảy</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>Chủ nhật</source>
        <translation>Sunday</translation>
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
        <source>Lỗi không mong đợi: {error}</source>
        <translation>Unexpected error: {error}</translation>
    </message>
    <message>
        <source>Miễn phí</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>đồng</source>
        <translation>VND</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
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
        <source>Phiếu xin lỗi và hẹn lại ngày trả kết quả</source>
        <translation>Apology and new due date</translation>
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
</context>
<context>
    <name>SettingsView</name>
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
        <source>Máy in</source>
        <translation>Printers</translation>
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
        <source>Chưa lưu: còn ô chưa hợp lệ (xem thông báo đỏ).</source>
        <translation>Not saved: some fields are not valid (see the red messages).</translation>
    </message>
    <message>
        <source>Không có thay đổi nào.</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <source>Đã lưu {n} thay đổi.</source>
        <translation>Saved {n} changes.</translation>
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
</TS>
