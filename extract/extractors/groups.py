"""The words that compose a leading group or a command: who chairs it, who are its members.

`由区政府主要领导担任组长`, `X、Y等相关单位为成员`, `成员单位为：X、Y`: the responsibilities extractor asks
these of every department it finds (most have none), and its subject rules use them to tell a name
that is being appointed from a name that acts.
"""
from __future__ import annotations

from extract import rx as regex

# Official titles (市长, 分管副市长, 常务副县长, 市委书记, 局长 …) head leading groups. They are posts held
# by persons, not departments: `由市长任组长` states no department's duty, so it yields no fact (the
# convention of every evaluation set); a department's own head still stands for it (X局局长任组长).
TITLE = (r"(?:[省市县区州]委)?(?:(?:分管|常务|主管)(?:的)?)?副?"
         r"(?:[省市县区州乡镇旗]长|书记|秘书长|[局厅处]长|主任|[校院]长)")
LEADER = rf"(?:主要领导|主要负责同志|主要负责人|分管领导|分管负责同志|负责同志|负责人|领导|{TITLE})?"
CHAIR = regex.compile(rf"(?P<leader>{LEADER})(?:担任|任)(?P<role>常务副组长|副组长|组长|常务副指挥长|副指挥长|指挥长|副总指挥|总指挥|政委"
                      r"|副召集人|召集人|成员)|为(?P<role>召集单位)")
# 市政府分管副市长任组长: the post is a person's even after its government's name (市政府主要领导 and
# 分管领导 stand for the government; a bureau's 局长 for the bureau).
PERSONAL_POST = regex.compile(TITLE)
# A command (指挥部) is a leading group by another name: its heads are reported as the group's.
CHAIR_ROLE = {"常务副组长": "副组长", "常务副指挥长": "副组长", "副指挥长": "副组长", "指挥长": "组长",
              "总指挥": "组长", "副总指挥": "副组长", "政委": "组长",
              "召集人": "组长", "副召集人": "副组长", "召集单位": "组长"}  # a 专班's or a 联席会议's convener chairs it
MEMBERS = regex.compile(rf"(?:等(?:相关|有关)?(?:单位|部门))?{LEADER}为成员")
# A chair or a member role after a name (_leadership asks every name: most have neither).
COMPOSED = regex.compile(f"{CHAIR.pattern}|{MEMBERS.pattern}")
# The members listed after their heading: 成员单位为：A、B、C / 成员单位包括A、B / 成员由A、B…组成.
MEMBER_HEAD = regex.compile(r"(?:成员单位(?:为|包括|有|是)?|成员(?:为|包括|有|由))\s*[：:]?\s*$")
# 成员由A、B分管负责同志组成: the names compose the group, they do not act here.
COMPOSED_OF = regex.compile(rf"{LEADER}(?:等)?组成")
