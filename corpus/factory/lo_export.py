#!/usr/bin/python3
"""Open a document in a private headless LibreOffice, update every index (tables of contents)
and field, export PDF.  Run with the system python3 (it has the UNO bindings):

    /usr/bin/python3 lo_export.py IN.docx|IN.odt OUT.pdf PROFILE_DIR

PROFILE_DIR is a fresh LibreOffice user profile, so runs are independent.
"""
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def props(**kw):
    out = []
    for k, v in kw.items():
        p = PropertyValue()
        p.Name = k
        p.Value = v
        out.append(p)
    return tuple(out)


def main():
    src, dst, profile = [os.path.abspath(x) for x in sys.argv[1:4]]
    pipe = "lo_" + str(os.getpid())
    env = dict(os.environ, SOURCE_DATE_EPOCH="0", TZ="UTC")
    proc = subprocess.Popen([
        "soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
        "--nolockcheck", f"-env:UserInstallation=file://{profile}",
        f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(240):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if proc.poll() is not None:
                    raise SystemExit("soffice exited early")
                time.sleep(0.5)
        if ctx is None:
            raise SystemExit("could not connect to soffice")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0,
                                           props(Hidden=True, ReadOnly=False))
        if doc is None:
            raise SystemExit("could not load " + src)
        # update twice: the first update can move pages (the TOC grows), the second fixes numbers
        for _ in range(2):
            try:
                doc.getTextFields().refresh()
            except Exception:
                pass
            idx = doc.getDocumentIndexes()
            for i in range(idx.getCount()):
                idx.getByIndex(i).update()
            try:
                doc.refresh()
            except Exception:
                pass
        n_idx = doc.getDocumentIndexes().getCount()
        filt = props(ExportBookmarks=True, UseTaggedPDF=False, ExportNotes=False,
                     EmbedStandardFonts=True)
        doc.storeToURL(uno.systemPathToFileUrl(dst),
                       props(FilterName="writer_pdf_Export", FilterData=uno.Any(
                           "[]com.sun.star.beans.PropertyValue", filt)))
        doc.close(True)
        print(f"indexes updated: {n_idx}")
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    main()
