"""The argument grammar. The spellings here are a contract other tools script against."""

import argparse
import re
import sys
from typing import NoReturn

from hazard_ledger import __version__
from hazard_ledger.cli import (
    admin,
    calendar_commands,
    hazard_commands,
    notice_commands,
    report_commands,
    supervise_commands,
    sync_commands,
    unit_commands,
)

_ARGPARSE_MESSAGES = [
    (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (
        r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
        r"参数 \1 的取值 \2 无效，可选：\3",
    ),
    (r"argument (\S+): expected one argument", r"参数 \1 需要一个值"),
    (r"argument (\S+): invalid int value: (.*)", r"参数 \1 应为整数，不能是 \2"),
    (r"argument (\S+): not allowed with argument (\S+)", r"参数 \1 不能与 \2 同时使用"),
    (r"one of the arguments (.*) is required", r"必须给出以下参数之一：\1"),
]


class Parser(argparse.ArgumentParser):
    """argparse with one-line Chinese errors and exit code 2."""

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_MESSAGES:
            message = re.sub(pattern, replacement, message)
        print(f"错误：{message}（用 {self.prog} --help 查看用法）", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> Parser:
    parser = Parser(
        prog="hazard-ledger",
        description="隐患整改台账：隐患登记、交办、整改、复查闭环管理。",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="数据目录（默认为本机用户数据目录）")
    parser.add_argument("--operator", metavar="NAME", help="操作员姓名（记入每条履历）")
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="使用数据库服务器而非本机文件（如 postgresql+psycopg://user@host/db）",
    )
    parser.set_defaults(writes=True)  # commands that only read say writes=False
    commands = parser.add_subparsers(title="命令", metavar="COMMAND", required=True)
    admin.register(commands)
    unit_commands.register(commands)
    hazard_commands.register(commands)
    notice_commands.register(commands)
    supervise_commands.register(commands)
    report_commands.register(commands)
    calendar_commands.register(commands)
    sync_commands.register(commands)
    return parser


def gui_options(argv: list[str]) -> argparse.Namespace | None:
    """The global options when ``argv`` names no command (the GUI is wanted), else None."""
    if any(arg in ("-h", "--help", "--version") for arg in argv):
        return None
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--data-dir")
    options.add_argument("--operator")
    options.add_argument("--database-url")
    known, rest = options.parse_known_args(argv)
    return None if rest else known
