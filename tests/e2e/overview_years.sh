# Screen 1 of another year: the 2021 plan ran (the demo kept its plan in
# the store), the Office began 2022 with `new-year` and renamed a deadline.
# Under the 2022 config screen 1 shows 2022's deadlines; ← shows 2021 with
# 2021's title and deadlines as they were, read-only; a year the store kept
# no plan of says so; → comes back.
export DIENHINH_TODAY=2021-09-15
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 200 --seed 3
mkdir -p "$T/config"
cp "$CONFIG" "$T/config/dienhinh.yaml"
expect_exit 0 "$DH" -c "$T/config/dienhinh.yaml" new-year 2022
next="$T/config/dienhinh-2022.yaml"
perl -pi -e 's/Hạn đăng ký mô hình, điển hình tiên tiến/Hạn nộp hồ sơ năm mới/' "$next"

tm_start "DIENHINH_TODAY=2022-03-01 $DH_APP -c '$next' -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_wait "năm 2022 · hôm nay 01/03/2022"
tm_wait "15/10/2022"
tm_wait "Hạn nộp hồ sơ năm mới"
# Fostering still under way in 2021 counts in 2022's work.
tm_wait "54 hồ sơ đang bồi dưỡng có thể đăng ký (hạn 15/10/2022)"
tm_keys j j j j
tm_wait "hồ sơ của năm trước chuyển sang"
tm_keys k k k k
tm_keys Left
tm_wait "năm 2021 · hôm nay 01/03/2022"
tm_wait "hình năm 2021"
tm_wait "15/10/2021"
tm_wait "Hạn đăng ký mô hình, điển hình tiên tiến"
tm_wait "Năm 2021 đã qua: chỉ xem"
tm_wait "Hồ sơ năm 2021 theo bước"
lacks "$(tm_screen)" "Hạn nộp hồ sơ năm mới" "the 2021 overview"
tm_keys Left Left Left Left Left
tm_wait "cơ sở dữ liệu chưa lưu kế hoạch của năm này"
tm_keys Right Right Right Right Right Right
tm_wait "Hạn nộp hồ sơ năm mới"
tm_wait "năm 2022 · hôm nay 01/03/2022"
tm_keys q
