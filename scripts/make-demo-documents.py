"""Makes the demo's small office files and PDFs once (the outputs are committed).

Needs python-pptx, python-docx and openpyxl (not project dependencies: install them in a
throwaway venv) and WeasyPrint for the PDFs. Usage, from the repository root:
    /tmp/gen/bin/python scripts/make-demo-documents.py
"""

from __future__ import annotations

import datetime
from pathlib import Path

import docx
import openpyxl
import pptx
from weasyprint import HTML

LESSONS = Path("content/lessons/files")
EVENTS = Path("content/events/files")
GUIDES = Path("content/library")
NOTE = "示例文件：为演示心育资源门户而生成，不是正式教学资源。"


def slides(path: Path, title: str, points: list[str]) -> None:
    deck = pptx.Presentation()
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = title
    cover.placeholders[1].text = NOTE
    for p in points:
        s = deck.slides.add_slide(deck.slide_layouts[1])
        s.shapes.title.text = p
    deck.save(path)


def sheet(path: Path, title: str, rows: list[list[str]]) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Sheet1"
    ws.append([title])
    ws.append([NOTE])
    for r in rows:
        ws.append(r)
    book.save(path)


def document(path: Path, title: str, paragraphs: list[str]) -> None:
    d = docx.Document()
    d.add_heading(title, 1)
    d.add_paragraph(NOTE)
    for p in paragraphs:
        d.add_paragraph(p)
    d.core_properties.created = datetime.datetime(2026, 9, 1)
    d.save(path)


def pdf(path: Path, title: str, items: list[str]) -> None:
    body = "".join(f"<li>{i}</li>" for i in items)
    html = (f"<html lang='zh-CN'><body style='font-family: \"Noto Sans CJK SC\"; font-size: 12pt'>"
            f"<h1>{title}</h1><p>{NOTE}</p><ol>{body}</ol></body></html>")
    HTML(string=html).write_pdf(path)


def main() -> None:
    for d in (LESSONS, EVENTS, GUIDES):
        d.mkdir(parents=True, exist_ok=True)
    slides(LESSONS / "qingxu-xiao-guaishou-kejian.pptx", "情绪小怪兽（课件）",
           ["认识情绪的颜色", "我的情绪小怪兽", "给情绪找个家"])
    pdf(LESSONS / "qingxu-xiao-guaishou-xuexidan.pdf", "情绪小怪兽 · 学习单",
        ["今天我的心情是什么颜色？", "让我生气的一件事", "我可以怎样让自己平静下来"])
    document(LESSONS / "hezuo-hua-xuexidan.docx", "合作画 · 学习单",
             ["我们小组画了什么？", "合作时我做得好的一件事", "下次我想试试"])
    slides(LESSONS / "kaoqian-jiaolv-kejian.pptx", "考前焦虑（课件）",
           ["焦虑是身体的提醒", "腹式呼吸练习", "考前一周的小计划"])
    pdf(LESSONS / "yali-yu-wo-xuexidan.pdf", "压力与我 · 学习单",
        ["最近让我有压力的事", "压力下我的身体反应", "三个我能做到的减压方法"])
    document(LESSONS / "xuehui-jujue-xinliju.docx", "学会拒绝（校园心理剧剧本）",
             ["第一幕：课间，小明被同学借作业抄。", "第二幕：小明想拒绝又怕失去朋友。",
              "第三幕：小明试着用“我信息”说出自己的想法。", "分享：如果是你，会怎样说？"])
    pdf(EVENTS / "cizheng-c-jiangyi.pdf", "C 证培训（第一期）讲义",
        ["心理健康教育的基本理念", "学生常见心理问题的识别", "转介的流程与边界"])
    sheet(EVENTS / "bzheng-pinggu.xlsx", "B 证培训：团体辅导方案评估表",
          [["维度", "要点", "得分（1–5）"], ["目标", "具体、可观察", ""], ["过程", "导入—活动—分享—总结", ""],
           ["安全", "有转介预案", ""]])
    pdf(GUIDES / "fudaoshi-buju.pdf", "心理辅导室功能分区示意（示例）",
        ["接待区：预约登记、宣传资料", "个别辅导室：安静、私密", "团体活动室：可移动桌椅", "放松区：沙盘、音乐"])


if __name__ == "__main__":
    main()
