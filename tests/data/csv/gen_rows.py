#!/usr/bin/env python3
"""Writes N candidate rows as CSV (UTF-8 with BOM, CRLF) to standard output:
gen_rows.py N [TAG]. Names are Vietnamese and every row is valid; TAG goes
into each name so that rows of different files can be told apart."""
import sys

families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô"]
middles = ["Văn", "Thị", "Hữu", "Đức", "Thu", "Minh", "Ngọc"]
givens = ["An", "Bình", "Cường", "Dũng", "Hà", "Hòa", "Hương", "Lan", "Thủy", "Tuấn"]
depts = ["vp", "nv1", "nv2", "nv3", "tcd", "Phòng Phòng, chống tham nhũng", "gs"]
kinds = ["individual", "collective", "model"]
stages = ["new_factor", "fostering", "nominated"]

n = int(sys.argv[1])
tag = sys.argv[2] if len(sys.argv) > 2 else ""
out = sys.stdout.buffer
out.write("\ufeffkind,name,department,year,position,title,description,stage\r\n".encode())
for i in range(n):
    name = f"{families[i % 10]} {middles[i % 7]} {givens[(i // 7) % 10]} {tag}{i}"
    dept = depts[i % len(depts)]
    if "," in dept:
        dept = f'"{dept}"'
    row = (f'{kinds[i % 3]},{name},{dept},{2017 + i % 5},Thanh tra viên,'
           f'"Sáng kiến số {i}, áp dụng hiệu quả","Mô tả dòng 1\r\nMô tả dòng 2",{stages[i % 3]}\r\n')
    out.write(row.encode())
