# Screen 4: the Chief Inspector marks a recognised record and makes its
# Giấy khen decision by keystrokes; the record becomes awarded; revoking
# the decision with a reason puts it back. The Office clerk is not offered
# the award key. Every view of the screen fits 80x24.
. "$(dirname "$0")/../lib.sh"

# Every line within 80 columns, the header on top and the key line at the bottom.
fits() { # what
	local s
	s=$(tm_screen)
	[ "$(printf '%s\n' "$s" | wc -l)" -le 24 ] || fail "$1: more than 24 lines"
	[ "$(printf '%s\n' "$s" | wc -L)" -le 80 ] || fail "$1: a line wider than 80 columns:
$s"
	case $(printf '%s\n' "$s" | sed -n 1p) in " TTr"*) ;; *) fail "$1: header overwritten:
$s" ;; esac
	case $(printf '%s\n' "$s" | sed -n 24p) in *"F1 Trợ giúp"* | *"… ? Mọi phím") ;; *) fail "$1: key line overwritten:
$s" ;; esac
}
stage_of() { # id -> stage, from the command line
	"$DH" -d "$T/db" search --recognised --format tsv "$1" | awk -F'\t' -v id="$2" '$1 == id { print $6 }'
}

cat >"$T/list.csv" <<'CSV'
kind,name,department,title,stage,recognised_decision,recognised_date
individual,Lê Văn Tám,nv1,Hoàn thành xuất sắc nhiệm vụ,recognised,12/QĐ-TTr,2021-05-20
model,Mô hình tiếp dân lưu động,tcd,Tiếp công dân lưu động,recognised,12/QĐ-TTr,2021-05-20
CSV
expect_exit 0 "$DH" -d "$T/db" --as tdkt import "$T/list.csv"

# The Office clerk sees the records but is not offered the award.
tm_start "$DH_APP -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_keys 4
tm_wait "Lê Văn Tám"
lacks "$(tm_screen)" "k Khen thưởng" "the clerk's key line"
tm kill-server
TMUX_SOCK="$TMUX_SOCK-chief" # a fresh server: the old one may still be going away

tm_start "$DH_APP -d '$T/db' --as thuanpv"
tm_wait "Tổng quan"
tm_keys 4
tm_wait "Lê Văn Tám"
# a (not k, which moves up in every list) opens the award decision.
contains "$(tm_screen)" "a Khen thưởng" "the chief's key line"
fits "records tab"
# Filter to the record, mark it, open the decision.
tm_keys f
tm_keys -l "Tám"
tm_keys Enter
tm_wait_gone "Mô hình tiếp dân lưu động"
tm_keys Space
tm_wait "Đã đánh dấu 1 hồ sơ"
tm_keys a
tm_wait "Quyết định tặng Giấy khen"
contains "$(tm_screen)" "[x] Lê Văn Tám" "the checklist"
contains "$(tm_screen)" "[ ] Mô hình tiếp dân lưu động" "the checklist"
contains "$(tm_screen)" "Phạm Văn Thuần" "the signer"
fits "award form"
tm_keys -l "31/QĐ-TTr"
tm_keys F2
tm_wait "Đã lưu."
[ "$(stage_of tám 1)" = awarded ] || fail "record 1 is $(stage_of tám 1), expected awarded"
[ "$(stage_of 'lưu động' 2)" = recognised ] || fail "record 2 changed"

# The decision is listed; opened, it names the record; revoked, it gives it back.
tm_keys Tab
tm_wait "31/QĐ-TTr"
contains "$(tm_screen)" "Có hiệu lực" "the decision list"
fits "decisions tab"
tm_keys Enter
tm_wait "Quyết định số 31/QĐ-TTr"
contains "$(tm_screen)" "Lê Văn Tám" "the decision"
fits "decision view"
tm_keys x
tm_wait "Lý do thu hồi"
tm_keys F2
tm_wait "Không được để trống"
tm_keys -l "Ghi nhầm số quyết định"
tm_keys F2
tm_wait "ĐÃ THU HỒI"
[ "$(stage_of tám 1)" = recognised ] || fail "record 1 is $(stage_of tám 1) after the revocation"
tm_keys Escape
tm_wait "Đã thu hồi"
# The other tabs draw within the terminal too.
tm_keys Tab
tm_wait "[Tuyên dương]"
fits "ceremonies tab"
tm_keys Tab
tm_wait "[Nhân rộng]"
fits "activities tab"
