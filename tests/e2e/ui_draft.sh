# A dropped connection (SIGHUP) or SIGTERM mid-form keeps the typing as a
# draft, offered back at the next start.
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 10

start_app
tm_wait "Tổng quan"
tm_keys 2
tm_wait "xếp theo mới nhất"
tm_keys a
tm_wait "Thêm nhân tố mới"
tm_keys -l "Ngô Bảo Châu"
tm_wait "Ngô Bảo Châu"
kill -HUP "$(cat "$T/pid")"
wait_done

start_app
tm_wait "Khôi phục bản nháp?"
tm_keys c
tm_wait "Ngô Bảo Châu"
tm_wait "Đã khôi phục bản nháp"
tm_keys F2
tm_wait "Đã lưu."
expect_exit 0 "$DH" -d "$T/db" --as tdkt export --format jsonl
contains "$OUT" "Ngô Bảo Châu" "export"

# SIGTERM while editing an existing record.
tm_keys Home e
tm_wait "Hồ sơ nhân tố"
tm_keys End
tm_keys -l " Việt Nam"
tm_wait "Ngô Bảo Châu Việt Nam"
kill -TERM "$(cat "$T/pid")"
wait_done
start_app
tm_wait "Khôi phục bản nháp?"
tm_keys c
tm_wait "Ngô Bảo Châu Việt Nam"
tm_keys F2
tm_wait "Đã lưu."

# Declining drops it: no question the next time.
tm_keys Home e
tm_wait "Hồ sơ nhân tố"
tm_keys -l "!"
kill -HUP "$(cat "$T/pid")"
wait_done
start_app
tm_wait "Khôi phục bản nháp?"
tm_keys k
tm_wait "Đã bỏ bản nháp"
tm_keys q
wait_done
start_app
tm_wait "Tổng quan"
lacks "$(tm_screen)" "Khôi phục" "third start"
