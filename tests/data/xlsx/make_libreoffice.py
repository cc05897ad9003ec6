#!/usr/bin/python3
# make_libreoffice.py — writes libreoffice.xlsx, the workbook LibreOffice
# saves from libreoffice.csv, for tests/cli/xlsx.sh to import where
# LibreOffice is not installed. Run once, here, with LibreOffice's Python:
#   /usr/bin/python3 tests/data/xlsx/make_libreoffice.py
# The CSV is opened as Calc opens it: UTF-8, recognised_date read as
# dates (stored as serial numbers with a date format), award_date and the
# decision numbers kept as text; the sheet is renamed "Danh sách" and a
# second sheet "Khác" gets two more candidates, so that --sheet has one to
# choose. Strings are written by LibreOffice to sharedStrings.xml.
import os, subprocess, sys, tempfile, time

import uno
from com.sun.star.beans import PropertyValue

here = os.path.dirname(os.path.abspath(__file__))
profile = tempfile.mkdtemp(prefix="dh-lo-")
pipe = "dienhinh_make_xlsx_%d" % os.getpid()
office = subprocess.Popen(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--invisible",
                           "--norestore", "--accept=pipe,name=%s;urp;" % pipe])

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

try:
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
    for _ in range(100):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.2)
    else:
        sys.exit("LibreOffice did not start")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    # Comma, double quote, UTF-8 (76), from line 1; column formats:
    # 4 year standard, 5 text, 6 YMD date, 7 and 8 text; English locale.
    options = "44,34,76,1,1/1/2/1/3/1/4/1/5/2/6/5/7/2/8/2/9/1/10/1,1033"
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.join(here, "libreoffice.csv")),
                                       "_blank", 0, (prop("FilterName", "Text - txt - csv (StarCalc)"),
                                                     prop("FilterOptions", options), prop("Hidden", True)))
    sheets = doc.Sheets
    first = sheets.getByIndex(0)
    first.Name = "Danh sách"
    # Dates shown as an office in Vietnam writes them.
    formats = doc.NumberFormats
    locale = uno.createUnoStruct("com.sun.star.lang.Locale")
    key = formats.queryKey("DD/MM/YYYY", locale, False)
    if key == -1:
        key = formats.addNew("DD/MM/YYYY", locale)
    first.getCellRangeByName("F2:F5").NumberFormat = key
    sheets.insertNewByName("Khác", 1)
    other = sheets.getByName("Khác")
    rows = [("name", "kind", "department", "recognised_date", "stage"),
            ("Lê Văn An", "Cá nhân", "nv1", None, ""),
            ("Phạm Thị Bình", "individual", "tcd", 44377, "recognised")]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = other.getCellByPosition(c, r)
            if isinstance(value, int):
                cell.Value = value
                cell.NumberFormat = key
            elif value:
                cell.String = value
    # A recognised candidate needs its decision's number: a last column.
    other.getCellByPosition(5, 0).String = "recognised_decision"
    other.getCellByPosition(5, 2).String = "7/QĐ-TTr"
    out = os.path.join(here, "libreoffice.xlsx")
    doc.storeToURL(uno.systemPathToFileUrl(out), (prop("FilterName", "Calc MS Excel 2007 XML"),))
    doc.close(True)
    print("wrote", out)
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    office.wait(timeout=30)
    subprocess.run(["rm", "-rf", profile])
