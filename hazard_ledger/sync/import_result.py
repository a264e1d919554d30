"""What an import reports: the merge's result, and the refusal that asks for confirmation."""

from dataclasses import dataclass, field

from hazard_ledger.domain.errors import ValidationError

LABELS = {
    "station": "站点",
    "unit": "单位",
    "hazard": "隐患",
    "notice": "文书",
    "supervision": "挂牌督办",
}


class NewStationError(ValidationError):
    """The package comes from a station this ledger has never merged: the user must confirm."""

    def __init__(self, code: str, name: str) -> None:
        super().__init__(
            f"数据包来自本台账从未导入过的站点：{name}（{code}）。"
            "确认是本县的站点后，请选择接收（命令行加 --accept-new-station）再导入。"
        )
        self.code = code
        self.name = name


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import merged (all zero with ``already_imported``)."""

    file_name: str
    station_code: str
    station_name: str
    sequence: int
    full: bool
    period_label: str
    new_station: bool = False
    already_imported: bool = False
    events: int = 0
    new: dict[str, int] = field(default_factory=dict)  # record type → records created
    updated: dict[str, int] = field(default_factory=dict)  # record type → records changed
    photos: int = 0
    warnings: tuple[str, ...] = ()

    @property
    def new_hazards(self) -> int:
        return self.new.get("hazard", 0)

    @property
    def updated_hazards(self) -> int:
        return self.updated.get("hazard", 0)

    def summary(self) -> str:
        """One paragraph saying what was merged (the CLI prints it, the window shows it)."""
        who = f"{self.station_name}（{self.station_code}）第 {self.sequence} 号数据包"
        if self.already_imported:
            return f"{who}此前已导入，本次没有任何改动。"
        parts = [
            f"履历 {self.events} 条",
            f"新增隐患 {self.new_hazards} 条，更新隐患 {self.updated_hazards} 条",
        ]
        for kind in ("unit", "notice", "supervision"):
            new, updated = self.new.get(kind, 0), self.updated.get(kind, 0)
            if new or updated:
                parts.append(f"{LABELS[kind]}新增 {new}、更新 {updated}")
        parts.append(f"照片 {self.photos} 张")
        first = "（首次导入该站）" if self.new_station else ""
        return f"已导入{who}{first}，{self.period_label}：" + "；".join(parts) + "。"
