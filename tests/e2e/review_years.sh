# Screen 5 of another year: 2021 ran under its plan (the demo kept it in
# the store), then the Office began 2022 with `new-year` and renamed a
# department. Under the 2022 config, ← on screen 5 reads 2021's figures
# under 2021's own plan (the department under the name it had), says so,
# and a year the store kept no plan of says that it is read under the
# config in use.
export DIENHINH_TODAY=2021-09-15
. "$(dirname "$0")/../lib.sh"

expect_exit 0 "$DH" -d "$T/db" --as tdkt demo --records 200 --seed 3
mkdir -p "$T/config"
cp "$CONFIG" "$T/config/dienhinh.yaml"
expect_exit 0 "$DH" -c "$T/config/dienhinh.yaml" new-year 2022
next="$T/config/dienhinh-2022.yaml"
perl -pi -e 's/name: "Phòng Nghiệp vụ 1"/name: "Phòng Thanh tra 1"/' "$next"

tm_start "DIENHINH_TODAY=2022-03-01 $DH_APP -c '$next' -d '$T/db' --as tdkt"
tm_wait "Tổng quan"
tm_keys 5
tm_wait "Số liệu năm 2022"
# The departments are under the fold: a few rows down.
tm_keys j j j j j j
tm_wait "Phòng Thanh tra 1"
tm_keys Left
tm_wait "Theo kế hoạch năm 2021 đã lưu"
tm_keys j j j j j j
tm_wait "Phòng Nghiệp vụ 1"
lacks "$(tm_screen)" "Phòng Thanh tra 1" "2021's figures"
tm_keys Left
tm_wait "Năm 2020 không có kế hoạch riêng đã lưu"
tm_keys Right Right
tm_wait "Số liệu năm 2022"
tm_keys q
