"""Recognize department / organization names in Chinese government text.

Why a hand-written recognizer: general segmenters (jieba) split 住建局 into 住/建局 and tag 报 as a
noun, so they cannot tell where an office name begins. Names here are found from the right: an
organization suffix (局, 厅, 委员会, 部门, 公司 …), then the qualifying prefix is taken leftwards
until punctuation or a function word (由, 对, 按照, 联合 …). Short, ambiguous suffixes (镇, 办, 室 …)
must be followed by a name terminator (a role verb, 要/应, punctuation) to count.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extract import memo, rx as regex

# Suffixes, longest first. Strong ones end a name wherever they stand.
STRONG = ["街道办事处", "办事处", "委员会", "办公室", "指挥部", "分公司", "公司", "部门", "政府", "小组", "局", "厅",
          # people's organizations, written short (各市残联, 县妇联, 市工商联, 省科协, 县总工会)
          "残联", "妇联", "工商联", "侨联", "文联", "科协", "工会", "红十字会", "供销合作社", "供销社",
          "联合会",  # the same written in full (残疾人联合会, 妇女联合会, 工商业联合会)
          "联合社", "信用社",  # 省农村信用社联合社, 县农村信用合作联社
          "协会",  # professional bodies given tasks (市律师协会, 县个体劳动者协会)
          # judicial bodies (市中级人民法院, 县人民检察院), doers in legal-aid and enforcement work
          "法院", "检察院",
          # vertical agencies and their branches (某海关, 中国人民银行某市分行, 某银行某县支行)
          "海关", "分行", "支行",
          # bodies set up for the work (工作专班, 考核组, 督导组); a discipline team stationed in a bureau
          "专班", "工作组", "考核组", "督导组", "督查组", "检查组", "专家组", "纪检监察组",
          # a village or community, as notices write them together (各村（社区）, 所在村（居）)
          "村（社区）", "村(社区)", "村（居）",
          # a party committee's departments (市委宣传部, 县委组织部, 区委社会工作部, 县人武部); 宣传部门 is a 部门
          "宣传部", "组织部", "统战部", "武装部", "人武部", "工作部"]
# Weak ones need a terminator after them (城镇, 办好, 居民活动室 … are not names). 委会 is the short
# form of a committee (安委会, 管委会, 村委会); 防指 of a flood-control headquarters; 科/股/处 are
# sections of an office, names only inside their parent (市教育局发展规划科, 省财政厅预算处).
WEAK = ["单位", "中心", "馆", "街道", "社区", "委会", "防指", "委", "办", "镇", "乡", "站", "所", "队", "室", "科", "股", "处"]

# 发展改革委会同…: the 委 is the name's and 会同 the verb (安委会同意 keeps 安委会); 消防指挥 is no 防指.
# Literals and lookaheads only, so the standard `re` compiles it the same; it scans a whole notice
# for them 3-4x faster than `regex` (the scan was a quarter of the recognizer's time).
SUFFIX = re.compile("|".join(STRONG + WEAK).replace("委会", "委会(?!同(?!意))").replace("防指", "防指(?![挥导示标南])")
                    .replace("部|", "部(?![门署])|"))  # 宣传部门 is a 部门; 工作部署 a plan
WEAK_SET = frozenset(WEAK)

# Words (not names) that end in a suffix character, by suffix.
NOT_NAME = regex.compile(
    r"(?:格|布|结|大|当|全|开|赌|饭|终|残|骗|出|入|时|战|变|棋|牌|僵|定|危|败|胜|赛)局$"
    r"|(?:大|客|餐|展|舞|门|前|服务|营业|办事)厅$"
    r"|(?:城|村|集|重|市|小)镇$|(?:城|家|下|故|同|老|返|还|异|水)乡$"
    r"|(?:举|创|兴|开|承|包|督|查|主|合|协|帮|代|照|操|筹|买|法|好|难|要|来|去|申|经|交|民|公|速|快|急"
    r"|必|应|直|跟|转|批|一次|网上|就近|马上|怎么)办$"
    r"|(?:计量|计价|货币)单位$|(?:绿色|完整|居住|和谐|美丽|智慧|老旧|城市|示范|试点)社区$"
    r"|政委$"  # 书记任政委: a post in a command, not a committee
)
# Suffixes that also end many ordinary nouns (活动中心, 场所, 车站, 会议室): only these kinds count.
KNOWN_KIND = {
    "中心": r"(?:服务|管理|指挥|政务|数据|信息|监测|检测|交易|保障|促进|调度|事务|研究|发展|技术|评审|应急"
            r"|指导|培训|咨询|认证|征收|储备|监督|执法|救助|控制|防控|康复|检验|结算|鉴定|编纂|史志|融媒体|保护|推广)中心$",
    "所": r"(?:派出|司法|事务|管理|研究|设计|监测|检测|财政|国土|规划|供电|税务|律师|会计|卫生院?|工商|测绘|自然资源"
          r"|林业|水利|农经|监管)所$",
    "站": r"(?:监督|管理|质监|安监|工作|监测|检测|执法|农技|农机|水利|林业|文化|环卫|兽医|植保|畜牧|水产|推广|鉴定|试验"
          r"|服务|救助|统计)总?站$",
    "队": r"(?:大|中|支|总|执法|救援|消防|工程|工作)队$",  # 国家统计局某调查总队, 某消防救援支队
    "室": r"(?:督查|督导|研究|信访|秘书|法规|政研|调研|审计|纪检)室$",
    "馆": r"(?:博物|图书|文化|纪念|科技|美术|档案|展览|方志)馆$",  # public institutions, not 宾馆, 场馆
}
KNOWN_KIND_RE = {kind: regex.compile(pattern) for kind, pattern in KNOWN_KIND.items()}
KIND_BY_LAST = {kind[-1]: kind for kind in KNOWN_KIND}  # one kind per last character
# A section (科, 股, 处) or a room or centre of any kind names a unit when it stands right after the
# office it belongs to (县住建局村镇建设股, 市教育局考试中心); 办事处 is an office of its own.
PARENT = r"(?:局|厅|委|办|院|政府|公司|分局|军分区|支队)"
SECTION = regex.compile(rf"{PARENT}\p{{Han}}{{2,12}}(?:科|股|处|(?<!活动|会议|阅览|值班|档案|接待|图书|休息)室|中心)$")
SECTION_SUFFIX = ("科", "股", "处")
# The last characters NOT_NAME and SECTION can end on (both are anchored at the end of a name).
NOT_NAME_LAST = frozenset("局厅镇乡办位区委")
SECTION_LAST = frozenset("科股处室心")
# The labels of a task list name no one (责任单位：…, 牵头部门：…); 各责任单位 does. Four characters each.
LABEL_WORDS = regex.compile(r"(?:责任|牵头|配合|协办|主责|参与|承办|主办|成员)(?:单位|部门)")
# Characters right after a suffix that show it is part of a longer word (局长, 局部, 委托, 办法 …).
NOT_AFTER = regex.compile(r"(?:长|部(?!门)|势|面|限|主任|书记|内|外|里|间|\s*[〔［\[【]\s*\d)")
NOT_AFTER_BY_SUFFIX = {
    "委": regex.compile(r"(?:员(?!会)|托|屈|婉|派)"),
    "办": regex.compile(r"(?:理|事|法|学|案|成|结|完|到|好|实|妥|不)"),
}
# Both tests of a suffix in one pattern: one match per suffix found instead of two.
NOT_AFTER_FOR = {suffix: regex.compile(f"{NOT_AFTER.pattern}|{local.pattern}")
                 for suffix, local in NOT_AFTER_BY_SUFFIX.items()}
# Text after a weak suffix that ends the name: role verbs, modal verbs, function words.
TERMINATOR = regex.compile(
    r"(?:[^\p{Han}]|$|负责|牵头|配合|参与|会同|联合|协同|指导|协调|督促|组织|要|应|须|必须|将|对|在|和|与|及|以及"
    r"|等|的|为|是|于|按|根据|依|做好|做|共同|分别|统一|结合|局长|主任|书记|成立|研究|同意|审核|兼任|担任"
    r"|进行|开展|加强|制定|落实|积极|主动|均|作为|出资|承担|实施|推动|推进|确保|完成|向|从|由|把|下设|主要|分管"
    r"|相关|具体|各|每|也|并|发动|推动|列出|组建|签订|指导|上报|报送|意见|同步|自行|工作人员|干部"
    r"|完善|健全|强化|规范|优化|抓好|统筹|建立|建设|编制|搭建|参照|逐|另行)"
)

# A bracketed short form closing a name: 发展改革委（局）.
NAME_BRACKET = regex.compile(r"[（(][局委办厅][）)]")
SUFFIXES = tuple(STRONG + WEAK)
HAN = regex.compile(r"\p{Han}")

# Function words and verbs that cannot be inside a name: the prefix stops right after them.
STOP_WORDS = sorted(
    """由 对 向 将 把 与 及 以及 在 报 按照 按 根据 依据 要 会同 联合 协同 配合 牵头 负责 指导 协调 督促
    成立 担任 设在 同意 为 是 于 给 请 从 移交 报送 上报 纳入 结合 开展 加强 支持 鼓励 引导 争取
    申请 并 或 及时 积极 主动 分别 统筹 通过 以 被 让 使 的 等 之 兼任 合作 签订 交办 坚持 发挥 落实
    组织 涉及 包括 约谈 通报 表扬 批评 其中 同时 此外 另外 属地 以上 以下 即 均 都 也 还 再 又 已 该 此
    受 至 到 了 着 过 所有 全部 每 接受 发动 动员 邀请 印发 下达 通知 关于 贯彻 部署 会议 意见
    主送 抄送 附件 起草 征求 设立 下设 设置 确定 明确 要求 规定 参照 执行 推动 共同 好 完善 完成 建立
    健全 组建 选聘 充分 调动 具体 经 应 依托 借助 利用 通过""".split(),
    key=len, reverse=True,
)
# By last character, then by length: "does the prefix end in a stop word" is asked at every step of
# the walk, and most characters end no stop word, so one dict look-up answers it.
STOP_BY_LAST: dict[str, tuple[tuple[int, frozenset[str]], ...]] = {
    last: tuple((n, frozenset(w for w in STOP_WORDS if w[-1] == last and len(w) == n))
                for n in sorted({len(w) for w in STOP_WORDS if w[-1] == last}))
    for last in {w[-1] for w in STOP_WORDS}
}
# Stop characters that begin a name when the next character says so (应急管理局, 经信局).
STOP_CHAR_UNLESS = {"应": "急", "经": "营信济开发贸管销费", "再": "生", "受": "理"}  # 再生资源有限公司, 受理服务中心
# Stop words that are the end of a word inside a name (市委机要保密局: 机要 is no 要).
STOP_AFTER_UNLESS = {"要": "机"}
# Characters at which the walk leftwards must look closer (brackets, 、, 和, the end of a stop word);
# at any other Han character it just goes on.
WALK_MARKS = frozenset("）)\n、和") | frozenset(STOP_BY_LAST) | frozenset(STOP_CHAR_UNLESS)
# A bracketed qualifier inside a name: 发展改革委（局）, 各县（市、区）人民政府.
BRACKET_GROUP = regex.compile(r"[（(]\p{Han}{1,3}(?:、\p{Han}{1,3}){0,3}[）)]$")
ADMIN_LEVEL = regex.compile(r"(?:^|[^\p{Han}]|(?<=由|对|向|经|按照|会同|联合|和|及|与|包括))(各?[省市县区州盟旗])$")
# Words naming the place concerned before its government's name (所在县人民政府, 当地乡镇人民政府).
LOCAL = ("所在", "当地")
LOCAL_LEVELS = frozenset("省市县区乡镇")
LOCAL_PLACE = LOCAL_LEVELS | {"地", "村", "社"}  # 户籍所在地县人民政府, 所在村（社区）, 所在社区
# A bare level word (市, 各县) names no one: 各?[省市县区州盟旗乡镇] as a set.
BARE_LEVELS = frozenset(p + c for p in ("", "各") for c in "省市县区州盟旗乡镇")
GENERIC = {"部门", "部门单位", "中心", "所", "站", "队", "室", "海关", "分行", "支行", "博物馆", "图书馆", "文化馆", "乡", "镇", "委", "办", "单位", "局", "厅", "公司", "办事处",
           "办公室", "小组", "分公司", "法院", "检察院", "协会", "全村（社区）", "全村(社区)", "全村（居）"}
MAX_NAME = 30
# After 和, these begin a second name rather than continue the first (项目和单位, 居民和相关单位).
GENERIC_AFTER_AND = regex.compile(r"(?:相关|有关|其他|各|单位|部门)")


def find_departments(text: str) -> list[tuple[int, int, str]]:
    """All department names in `text` as (start, end, name), left to right, not overlapping.

    When one candidate contains another (区委督查室 ⊃ 区委), the longer one wins.
    """
    spans: list[tuple[int, int]] = []
    for m in SUFFIX.finditer(text):
        end = _name_end(text, m)
        start = _name_start(text, m.start()) if end is not None else None
        if start is not None and _plausible(text[start:end]):
            if text.endswith(LOCAL, 0, start) and text[start:start + 1] in LOCAL_PLACE:
                start = _local_start(text, start - 2)
            spans.append((start, end))
    inner = _contained(spans)
    kept = [s for s in spans if s not in inner]
    out: list[tuple[int, int, str]] = []
    for start, end in kept:
        if out and start < out[-1][1]:
            continue
        out.append((start, end, text[start:end]))
    return out


def _local_start(text: str, start: int) -> int:
    """所在县（市、区）人民政府, 当地乡镇政府: the government of the place concerned. The short noun
    whose place it is belongs to the name (项目所在乡镇人民政府, 企业所在地 is no such case)."""
    if not text.endswith("所在", 0, start + 2):
        return start
    owner = _name_start(text, start)
    return owner if owner is not None and 2 <= start - owner <= MAX_OWNER else start


MAX_OWNER = 4  # 项目, 学校, 受援企业: a longer run before 所在 is prose, not the owner


def _contained(spans: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Spans lying inside another span: one sweep by start (longest first at a tie) instead of
    comparing every pair, which is quadratic in the names of a long notice."""
    inner: set[tuple[int, int]] = set()
    reach = -1
    for span in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if span[1] <= reach:
            inner.add(span)
        reach = max(reach, span[1])
    return inner


def _name_end(text: str, m: re.Match) -> int | None:
    """End of the name whose suffix is `m`, or None when the suffix is part of a longer word.

    Patterns match at `end` in the whole text: slicing text[end:] per suffix is quadratic."""
    end = m.end()
    suffix = m.group()
    if NOT_AFTER_FOR.get(suffix, NOT_AFTER).match(text, end):
        return None
    bracket = NAME_BRACKET.match(text, end) if text[end:end + 1] in "（(" else None
    if bracket:
        return bracket.end()
    if suffix in WEAK_SET and not TERMINATOR.match(text, end):
        return None
    return end


def _name_start(text: str, suffix_start: int) -> int | None:
    """Walk left over the qualifying prefix, stopping at punctuation or a stop word.

    None when no boundary is found within MAX_NAME characters (not a name, a run of prose).
    """
    pos = suffix_start
    floor = max(0, suffix_start - MAX_NAME)
    while pos > floor:
        ch = text[pos - 1]
        if ch not in WALK_MARKS and _is_han(ch):  # a plain Han character: the name goes on
            pos -= 1
            continue
        group = _bracket_group(text, floor, pos) if ch in "）)\n" else None
        if group and pos - len(group.group()) > floor and _is_han(text[pos - len(group.group()) - 1]):
            pos -= len(group.group())
            continue
        if ch == "、":
            level = ADMIN_LEVEL.search(text[floor:pos - 1])
            if not level:
                return pos
            pos = floor + level.start(1)
            continue
        if not _is_han(ch) or _stops(text, floor, pos):
            return pos
        if ch == "和" and (_ends_name(text, pos - 1) or GENERIC_AFTER_AND.match(text, pos)):
            return pos
        pos -= 1
    return pos if pos == 0 or not _is_han(text[pos - 1]) else None


def _bracket_group(text: str, floor: int, pos: int) -> regex.Match | None:
    """A bracketed qualifier ending text[floor:pos]. It must close right at pos (`$` also allows
    one final newline), which the walk checks before calling this at a step."""
    tail = text[max(floor, pos - 2):pos]
    if "）" not in tail and ")" not in tail:
        return None
    return BRACKET_GROUP.search(text, floor, pos)


def _stops(text: str, floor: int, pos: int) -> bool:
    """True when text[floor:pos] (ending in a Han character) ends in a stop word."""
    last = text[pos - 1]
    if last in STOP_CHAR_UNLESS:
        return text[pos:pos + 1] not in STOP_CHAR_UNLESS[last]
    if last in STOP_AFTER_UNLESS and pos >= 2 and text[pos - 2] in STOP_AFTER_UNLESS[last]:
        return False
    for n, words in STOP_BY_LAST.get(last, ()):
        if pos - n >= floor and text[pos - n:pos] in words:
            return True
    return False


def _ends_name(text: str, pos: int) -> bool:
    """True when text[:pos] ends with an organization suffix (so a 和 there joins two names)."""
    return text.endswith(SUFFIXES, 0, pos)


@lru_cache(maxsize=8192)
def _is_han(ch: str) -> bool:
    return bool(HAN.match(ch))


@memo.by_value()
def _plausible(name: str) -> bool:
    """Reject words that merely end in a suffix character, and bare generic nouns.

    Memoized per notice: a notice names the same offices again and again. Each end-anchored
    pattern is tried only when the name ends in a character that pattern needs."""
    last = name[-1:]
    anchored = name[-2:-1] if last == "\n" else last  # where `$` matches: also before a final newline
    if len(name) < 2 or (anchored in NOT_NAME_LAST and NOT_NAME.search(name)) \
            or (len(name) == 4 and LABEL_WORDS.fullmatch(name)):
        return False
    if anchored in SECTION_LAST and SECTION.search(name):
        return True
    if name.endswith(SECTION_SUFFIX) and not name.endswith("办事处"):
        return False
    kind = KIND_BY_LAST.get(last)
    if kind and name.endswith(kind) and not KNOWN_KIND_RE[kind].search(name) and not name.endswith("办公室"):
        return False
    core = name[1:] if name[0] in "各原该本" else name
    if name[0] == "每":
        return False  # 每站每年不低于3万元, 每所学校: a standard per unit, no one
    return core not in GENERIC and name not in BARE_LEVELS
