# Screen 4: a ceremony handing out a Giấy khen decision is recorded by
# keystrokes; edited, then cut off by a dropped connection (SIGHUP), its
# typing comes back as a draft and is saved over the same ceremony.
. "$(dirname "$0")/../lib.sh"

cat >"$T/list.csv" <<'CSV'
kind,name,department,title,stage,recognised_decision,recognised_date
individual,Lê Văn Tám,nv1,Hoàn thành xuất sắc nhiệm vụ,recognised,12/QĐ-TTr,2021-05-20
CSV
expect_exit 0 "$DH" -d "$T/db" --as tdkt import "$T/list.csv"


# The decision the ceremony hands out: the record under the cursor is ticked.
start_app thuanpv
tm_wait "Tổng quan"
tm_keys 4
tm_wait "Lê Văn Tám"
tm_keys a
tm_wait "Quyết định tặng Giấy khen"
contains "$(tm_screen)" "[x] Lê Văn Tám" "the checklist"
tm_keys -l "31/QĐ-TTr"
tm_keys F2
tm_wait "Đã lưu."

# A new ceremony: its title first, then the place and the decision.
tm_keys Tab Tab
tm_wait "[Tuyên dương]"
tm_wait "Chưa có buổi tuyên dương nào."
tm_keys a
tm_wait "Buổi tuyên dương"
contains "$(tm_screen)" "[ ] Số 31/QĐ-TTr" "the decisions offered"
tm_keys -l "Lễ tuyên dương điển hình"
tm_keys Tab
tm_keys -l "Hội trường Thanh tra tỉnh"
tm_keys Tab Space
tm_wait "[x] Số 31/QĐ-TTr"
tm_keys F2
tm_wait "Đã lưu."
tm_wait "Lễ tuyên dương điển hình"
row=$(srow "Lễ tuyên dương điển hình")
contains "$row" "Hội trường Thanh tra" "the ceremony's row"
case $row in *" 1") ;; *) fail "the ceremony's row does not count one decision: $row" ;; esac

# Opened again it shows what was saved; the typing outlives a SIGHUP.
tm_keys Enter
tm_wait "Buổi tuyên dương"
contains "$(tm_screen)" "[x] Số 31/QĐ-TTr" "the decision handed out"
tm_keys Tab End
tm_keys -l " năm 2021"
tm_wait "Lễ tuyên dương điển hình năm 2021"
kill -HUP "$(cat "$T/pid")"
wait_done

start_app thuanpv
tm_wait "Khôi phục bản nháp?"
tm_keys c
tm_wait "Lễ tuyên dương điển hình năm 2021"
contains "$(tm_screen)" "[x] Số 31/QĐ-TTr" "the restored form"
tm_keys F2
tm_wait "Đã lưu."
tm_keys 4
tm_wait "Lê Văn Tám"
tm_keys Tab Tab
tm_wait "[Tuyên dương]"
tm_wait "Lễ tuyên dương điển hình năm 2021"
[ "$(tm_screen | grep -c "Lễ tuyên dương")" = 1 ] || fail "the draft made a second ceremony:
$(tm_screen)"
