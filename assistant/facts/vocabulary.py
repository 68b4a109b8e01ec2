"""The words workers use, mapped onto the case vocabulary. Tables only; ``reader.py`` applies them.

Order matters where noted: the first pattern that matches decides, so the specific readings (没有理由就把我辞退了 →
unlawful_dismissal) come before the general ones (辞退 → dismissed).
"""

from __future__ import annotations

import re

from assistant.facts.numbers import NUMBER

# ---- negation and hypotheticals: "没被辞退", "还没离职", "如果被辞退" do not state that it happened
NEGATED_BEFORE = re.compile(r"(?:没有?被?|未被?|不是|并没有?|还没有?|不会被?|不想被?|怕被?|担心被?|(?<![开社机理学工协员大例晚早体误约])会被?|如果被?|要是被?|假如被?|万一被?"
                            r"|(?<!不)要|想要|打算|准备|可能会?|扬言|威胁(?:说)?要?)(?:把我|将我|跟我|和我|与我)?$")

# ---- a fear, a threat or a rule, not an event: "我怕被开除", "我担心公司会辞退我", "老板威胁说要炒了我" (not 警告:
# 给了警告处分后把我开除了 is a dismissal told)
FEARED_BEFORE = re.compile(r"(?:怕|担心|担忧|忧虑|威胁|扬言|放话|吓唬|恐吓)[^，。,；;！？!?\n]{0,10}$")
# "老板说再迟到就开除我", "记满三次就开除", "干不好的话就让我走人": what would happen on a condition; a 了 after the
# event tells it did happen ("试用期考核不合格就被辞退了")
CONDITION_BEFORE = re.compile(r"(?:(?:再|要是|如果|假如|若是?|万一|只要|一旦)(?!次|后来|一次)[^。；;！？!?\n]{0,10}?"
                              r"|(?:满|够|超过|达到|累计|记满)?[0-9一二两三四五六七八九十]+(?:次|回)(?:以上)?(?:的)?"
                              r"|(?:不好|不行|不达标|不合格)(?:的话)?|的话)"
                              r"(?:就|便|则|即)(?:会|要|得|直接)?(?:被)?(?:把你|把我|将你|将我|给|让我|叫我|让你|叫你)?$|(?:否则|不然|要不(?!是)然?)[^。；;！？!?\n]{0,4}$")
# "公司想辞退我", "老板想把我开了": what the employer means to do
INTENDED_BEFORE = re.compile(r"(?:公司|单位|老板|领导|厂里|厂子|主管|经理|人事|他们)(?:一直|好像|可能|似乎)?(?:想|计划|有意)"
                             r"[^，。,；;！？!?\n]{0,4}$")
TOLD_AFTER = re.compile(r"^[^，。,；;！？!?\n]{1,6}?了")

# ---- how it ended (first match wins)
_FIRED = (r"(?:逼(?:我)?(?:写|签|交|主动)?(?:辞职|离职)(?:信|书|申请)?|让我(?:写|签|交)(?:辞职|离职)(?:信|书|申请)?|辞退|开除|解雇|炒了|炒鱿鱼|把我炒|开掉|(?:把|将)我(?:给)?开了|开了我|被开了|被辞|辞掉|不要我了|让我走人|叫我走人|让我滚|(?:就|便)?(?:让|叫)我走(?:了|吧)?(?!路)|(?<!要)(?:跟|和|与)我解除(?:了)?(?:劳动)?合同"
          r"|让我卷铺盖|劝退|劝离|不用来(?:上班)?了|不让我(?:干|做|上班|来)了?"
          r"|被(?:公司|单位|老板|厂里)?解除|末位淘汰|赶(?:我)?走|被优化|优化掉|裁掉|被裁|炒掉|被(?:公司|单位|老板|厂里|厂子|领导)?(?:给)?开(?:了|掉|除)|(?:叫|让)我(?:明天|以后|下周)?(?:就)?(?:别|不要|不用)(?:再)?来(?:了|上班)?"
          r"|(?:公司|单位|老板|厂里|厂子)(?:就|已经|直接|便|突然|单方面|擅自)*(?:把我|和我|跟我|与我)?(?:的)?(?:劳动)?(?:合同)?(?:给)?解除(?:了)?)")
FIRED = re.compile(_FIRED)
_RESIGN = r"(?:辞职|辞工|(?:主动|自己|自愿|提出|申请|提了)离职|离职(?:了)?(?=[，。,；]|$)|不干了|不做了|走人|解除(?:了)?(?:劳动)?合同(?!(?:的)?(?:经济)?(?:补偿|赔偿|证明))|提出解除|被迫离职|被迫辞职)"
RESIGN = re.compile(_RESIGN)
_NO_REASON = r"(?:没有?(?:任何|说|给|讲)?(?:任何)?(?:理由|原因)|无(?:缘)?故|无理由|随便|随意|违法|非法|毫无理由|莫名其妙)"

TERMINATION_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("unlawful_dismissal", re.compile(rf"{_NO_REASON}.{{0,12}}{_FIRED}|{_FIRED}.{{0,10}}{_NO_REASON}"
                                      r"|违法(?:辞退|解除|开除|解雇)")),
    ("no_fault_dismissal", re.compile(r"(?:不能胜任|不胜任|胜任不了|医疗期满|不能从事原(?:工作|岗位)|客观情况(?:发生)?重大变化|(?:公司|单位|厂子?)搬迁"
                                      r"|业务调整|岗位(?:被)?撤销|经过培训)"
                                      rf".{{0,20}}{_FIRED}|{_FIRED}.{{0,12}}(?:不能胜任|不胜任|医疗期满)")),
    ("employee_fault_dismissal", re.compile(r"(?:严重违纪|违反(?:公司|单位)?(?:的)?规章制度|旷工|不符合录用条件|试用期.{0,12}不合格|不合格|严重失职"
                                            rf"|营私舞弊|被追究刑事责任).{{0,20}}{_FIRED}"
                                            rf"|{_FIRED}.{{0,12}}(?:严重违纪|旷工|不符合录用条件)")),
    ("layoff", re.compile(r"经济性裁员|裁员|被裁|裁掉|大裁员")),
    ("mutual_by_employer", re.compile(r"(?:公司|单位|老板|厂里|领导)(?:主动)?(?:提出|找我|要求).{0,8}协商(?:一致)?解除"
                                      r"|协商解除.{0,6}(?:公司|单位)(?:提出|提的)")),
    ("mutual_by_worker", re.compile(r"我(?:主动)?(?:提出|要求).{0,8}协商(?:一致)?解除|协商解除.{0,6}我(?:提出|提的)")),
    ("mutual", re.compile(r"协商(?:一致)?(?:解除|离职)|签了?(?:一份|个)?(?:离职|解除)协议")),
    ("contract_expired", re.compile(r"合同(?:到期|期满)(?:了)?.{0,10}(?:不续|没续|不再续|不跟我续|不和我续|终止)"
                                    r"|(?:不续签|不再续签|没有续签|不续约)|不再?(?:与|和|跟)[^，。]{1,6}续(?:签|订|约)")),
    ("employer_closed", re.compile(r"(?:公司|单位|厂子?|工厂|店)(?:已经|突然)?(?:倒闭|破产|关门|注销|解散|被吊销)")),
]
# the kind of an ending the found facts tell in the court's words (court.py finds who ended it), by the sentence
COURT_UNLAWFUL = re.compile(r"违法(?:解除|终止|辞退|解雇)")
COURT_LAYOFF = re.compile(r"经济性裁员|裁减人员")
COURT_MUTUAL = re.compile(r"协商一致|协商解除")
COURT_EXPIRED = re.compile(r"(?:劳动)?合同(?:期限)?(?:已)?(?:到期|期满|届满)")
# the worker quits over the employer's fault (劳动合同法第三十八条): the reason decides, not the word for quitting
RESIGNATION_REASONS: list[tuple[str, re.Pattern[str]]] = [
    ("unpaid_wages", re.compile(r"拖欠|欠薪|欠(?:我)?(?:了)?.{0,6}工资|(?:没|不|未)(?:按时)?(?:发|给|付)(?:足)?(?:工资|钱)"
                                r"|工资.{0,6}(?:没|不|未)(?:发|给|付)|克扣"
                                r"|未(?:依法|按时|及时|足额)?(?:支付|发放)(?:劳动报酬|工资)")),
    ("no_social_insurance", re.compile(r"(?:没|不|未)(?:给我?)?(?:交|缴|买|上)(?:纳)?(?:社保|社会保险|五险)|社保.{0,4}(?:没|不|未)(?:交|缴|买)"
                                       r"|未(?:依法)?(?:为[^，。；]{1,6}?)?(?:缴纳|办理|参加)(?:社会保险|社保)")),
    ("unsafe_conditions", re.compile(r"(?:没有?|不)(?:提供)?(?:劳动保护|防护用品|安全措施)")),
    ("forced_labor", re.compile(r"(?:暴力|威胁|限制人身自由|强迫(?:我)?劳动|违章指挥|强令冒险)")),
]
PERSONAL_REASON = re.compile(r"个人原因|自己(?:想|要)走|找到(?:了)?(?:新|更好的)?工作|回老家|家里有事")
PLANNED = re.compile(r"(?:想|打算|准备|要不要|能不能|可以|如果|要是|是否)(?:马上|现在)?(?:主动)?(?:辞职|离职|走人|解除)")
RETIRED = re.compile(r"(?:办了?|已经)退休(?:手续)?|退休了")

# the employer's stated reason alone ("公司说我严重违反规章制度"): which kind of dismissal it would be
FAULT_REASON = re.compile(r"严重违纪|严重违反(?:公司|单位)?(?:的)?规章制度|违反(?:公司|单位)?(?:的)?规章制度|旷工|不符合录用条件|严重失职|营私舞弊")
NO_FAULT_REASON = re.compile(r"不能胜任|不胜任|胜任不了|医疗期满|不能从事原(?:工作|岗位)|客观情况(?:发生)?重大变化")

# ---- the decisive facts, in the worker's words and in the found facts' (未为原告缴纳社会保险, 未足额发放…工资;
# 工伤保险 and 生育保险 are the names of insurances, no injury and no birth)
FLAGS: dict[str, re.Pattern[str]] = {
    "event.pregnant": re.compile(r"怀孕|怀的是|怀着|怀了(?:孕|孩子|宝宝|二胎|三胎)?|孕期|有了身孕|孕妇|怀上|身孕"),
    "event.nursing": re.compile(r"哺乳期?|喂奶|母乳"),
    "event.maternity": re.compile(r"产假|生(?:了)?孩子|生育(?!保险)|分娩|坐月子|生产后|剖腹产|顺产|生完"),
    "event.difficult_birth": re.compile(r"难产"),
    "event.injury": re.compile(r"工伤(?!保险(?!待遇))|受(?:了)?伤|摔伤|砸伤|压伤|烫伤|割伤|扭伤|骨折|断了|出(?:了)?事故|工作中(?:受伤|出事)"),
    "event.death": re.compile(r"工亡|因工死亡|工伤死亡|(?:工作中|上班时|工地上)(?:去世|死亡|身亡)"),
    "event.occupational_disease": re.compile(r"职业病|尘肺|矽肺|噪声聋|苯中毒|铅中毒"),
    "event.illness": re.compile(r"生病|患病|得了(?:.{1,6})病|住院|医疗期|病假|非因工负伤"),
    "event.unpaid_wages": re.compile(r"拖欠|欠薪|欠(?:我|我们)(?:的)?(?:工资|钱)|欠了.{0,8}工资|(?:没|不|未)(?:按时)?(?:发|给|付|结)(?:足)?(?:工资|钱)"
                                     r"|工资.{0,8}(?:没|不|未)(?:有)?(?:发|给|付|结)|讨薪|要工资|克扣(?:工资)?|欠(?:我|我们)?(?:的)?工钱|不给(?:我|我们)?(?:发)?(?:工钱|工资)|(?:年终奖|奖金|提成|绩效工资|加班费)(?:.{0,6})(?:没|未|不)(?:有)?(?:发|给|结)|押(?:了)?(?:我)?(?:的)?工资"
                                     r"|(?:未|没有)(?:足额|按时|及时|全额|依法|按月)*(?:向[^，。；]{1,8}?)?(?:支付|发放|结算|给付)(?:给)?[^，。；]{0,20}?(?:工资|劳动报酬|加班费)"
                                     r"|(?:工资|劳动报酬)[^，。；]{0,16}?(?:未(?:予)?(?:支付|发放|结算|付)|未结清)|欠付[^，。；]{0,10}?(?:工资|劳动报酬)"),
    "event.wage_iou": re.compile(r"欠条|欠款条|欠据|工资条.{0,4}欠"),
    "event.no_social_insurance": re.compile(r"(?:没|不|未)(?:有)?(?:给我|给我们|帮我|给)?(?:交|缴|买|上)(?:纳)?(?:过)?(?:社保|社会保险|五险|(?:养老|医疗|失业|工伤|生育)保险)"
                                            r"|社保.{0,4}(?:没|不|未)(?:有)?(?:交|缴|买)"
                                            r"|(?:未|没有)(?:依法|按时|按规定|足额)*(?:为|给|替)?(?:(?!自行)[^，。；]){0,12}?(?:缴纳|缴交|交纳|办理|参加|购买)"
                                            r"(?:(?!自行)[^，。；]){0,20}?(?:社会保险|社保|养老保险|五险|工伤保险)"
                                            r"|社会保险(?:费)?[^，。；]{0,4}(?:未|没有)(?:缴纳|缴交|交纳|办理)"),
    "event.low_insurance_base": re.compile(r"(?:社保|社会保险|公积金).{0,10}(?:基数|按最低|最低标准|最低档)|缴费基数.{0,6}(?:低|少)"),
    "event.pay_cut": re.compile(r"降薪|工资从.{1,8}降|降到|降至|降(?:了|我)?工资|工资.{0,4}(?:降|减|砍)(?:了)?|减薪|扣(?:了)?绩效"),
    # the same work paid less than others (劳动法第四十六条), a dispatched worker less than the employer's own staff
    "event.unequal_pay": re.compile(r"同工不同酬|(?:干|做)(?:一样|同样|相同)的(?:活|工作|岗位)[^。；?？]{0,12}?(?:工资|待遇|钱)[^。；?？]{0,6}?(?:比|低|少|不一样|不同)"
                                    r"|(?:工资|待遇)[^，。；,?？]{0,4}比(?:正式工|正式员工|合同工|本单位|别的同事|其他同事|同岗位)[^，。；,?？]{0,8}(?:低|少|差)"
                                    r"|(?:劳动报酬|工资|待遇)[^，。；,?？]{0,4}低于[^，。；,?？]{0,16}(?:同类岗位|同岗位|相同岗位|正式员工|正式工|合同工)"
                                    r"|(?:派遣工|劳务工|临时工)[^，。；,?？]{0,10}(?:工资|待遇)[^，。；,?？]{0,8}(?:低于|比)[^，。；,?？]{0,8}(?:正式工|合同工|正式员工)"),
    # the employer denies the worker is its employee, or the relationship itself is to be confirmed
    "event.relationship_disputed": re.compile(
        r"不承认(?:我|我们)?(?:是)?(?:他们|他|她|公司|单位|厂里|老板)?(?:的)?(?:员工|职工|工人|劳动关系)"
        r"|(?:说|称|认为)(?:我|我们)(?:不是|不算)(?:他们|他|她|公司|单位|厂里)?(?:的)?(?:员工|职工|正式工)"
        r"|否认(?:与[^，。；,]{1,10}?)?(?:之间)?(?:存在)?劳动关系|(?:请求|要求|申请)?确认[^，。；,]{0,12}?(?:之间)?存在劳动关系"
        r"|确认劳动关系"),
    "event.transfer": re.compile(r"调岗|调(?:我|到)(?:去)?.{0,6}(?:岗位|部门|车间|仓库|保安|保洁)|换岗|调动工作|调去"),
    "event.last_place_elimination": re.compile(r"末位淘汰|排名(?:最后|倒数).{0,10}(?:辞退|开除|淘汰|走人)"),
    "pay.all_inclusive": re.compile(r"包薪|(?:加班费|加班工资).{0,6}(?:包含|包括|算)在(?:工资|月薪|底薪)里|综合工资.{0,6}(?:含|包)"
                                    r"|(?:工资|月薪).{0,6}(?:包含|包括|含)(?:了)?加班费|不另(?:外)?(?:算|给|付)加班费"),
    "employment.dispatch": re.compile(r"劳务派遣|派遣(?:工|员工|公司)|(?:被)?派(?:到|去).{0,8}(?:公司|工厂|厂)(?:上班|干活|工作)"),
    "employment.part_time": re.compile(r"非全日制|小时工(?!资)|钟点工|兼职"),
    "employment.platform_work": re.compile(r"外卖|骑手|美团|饿了么|滴滴|网约车|代驾|闪送|货拉拉|众包|平台(?:派单|接单|上接单)|跑单|配送员"),
    "employment.probation": re.compile(r"试用期"),
    "worker.past_retirement_age": re.compile(r"超(?:过)?(?:了)?(?:法定)?退休年龄|超龄|过了退休年龄|到了退休年龄|达到(?:法定)?退休年龄|退休年龄以后"),
    "worker.receiving_pension": re.compile(r"(?:领|拿)(?:取)?(?:了|着)?(?:退休金|养老金|退休工资)|享受(?:基本)?养老(?:保险)?待遇|退休返聘|返聘"),
}
# 没签合同, and the found facts' 未与原告签订书面劳动合同
NO_CONTRACT = re.compile(r"(?:没|未|不)(?:有|跟我|和我|给我)?(?:签|订立|签订|签过|签署)(?:书面)?(?:的)?(?:劳动)?合同|合同.{0,3}(?:没|未)签"
                         r"|没有(?:书面)?(?:劳动)?合同"
                         r"|(?:未|没有|没)(?:与|和|同|跟)[^，。；]{1,16}?(?:签订|订立|签署|签)(?:过)?(?:书面)?(?:的)?劳动合同")
SIGNED_CONTRACT = re.compile(r"(?<![没未不])签(?:了|过|订了)(?:书面)?(?:的)?(?:劳动)?合同|合同签了")
OPEN_ENDED = re.compile(r"无固定期限")
CONTRACT_YEARS = re.compile(rf"(?:签了|签的是|签订了|为期)?({NUMBER})年(?:的|期)?(?:劳动)?合同|合同(?:期限?|签的|签了)(?:为|是)?({NUMBER})年")
PROBATION_MONTHS = re.compile(rf"试用期(?:约定了?|定了|签了|是|为|有)*({NUMBER})个?月|({NUMBER})个?月(?:的)?试用期")
BABIES = re.compile(r"(双|三|四)胞胎")
# (一级残疾人 is a disability certificate's grade, often a survivor's; 一级建造师 a title: no injury grade)
GRADE = re.compile(rf"({NUMBER})级(?!残疾|肢体|视力|听力|智力|精神|建造|技师|职称|教师|律师|工)(?:伤残)?|伤残(?:等级)?(?:是|为|评为|鉴定为)?({NUMBER})级|评(?:为|了|定|上)?({NUMBER})级")

# ---- dates: what a date next to these words is
DATE_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("renewal", re.compile(r"续签|续订|续了|又签|重新签|转正|调岗|调到|换了?合同|签了?新合同|改签")),
    ("employment.contract_end_date", re.compile(r"合同(?:到期|期满|截止)|到期")),
    ("dates.award_received_date", re.compile(r"收到(?:了)?(?:劳动)?(?:仲裁)?裁决书?")),
    ("employment.contract_signed_date", re.compile(r"(?:补签|补订|订立|签订|签了|签署)(?:了)?(?:书面|书而)(?:的)?(?:劳动)?合同"
                                                   r"|(?:补签|补订)(?:了)?(?:劳动)?合同")),
    ("worker.birth_date", re.compile(r"出生|生日|生于")),
    ("dates.injury_date", re.compile(r"受伤|摔伤|砸伤|工伤|出事|事故|骨折")),
    ("employment.hire_date", re.compile(r"入(?:的)?职|进(?:的|来)(?=[，。,；！!]|$)|进(?:的|了)?(?:厂|公司|单位|工地)|进(?:的|了|入|到)[^，。,；;\s]{0,14}?(?:公司|厂|单位|工地|集团|酒店|医院|学校|超市)|入厂|来(?:的|了|到)?(?:这|公司|厂|单位)|上岗|到岗|录用|招进"
                                        r"|开始(?:上班|工作|干|做)|(?:在|到).{0,12}(?:上班|工作|打工|干活)|应聘|报到|用工")),
    ("dates.leave_date", re.compile(rf"{_FIRED}|{_RESIGN}|离职|最后一天|终止|走的|停工|离开|不让.{{0,3}}上班|协商(?:一致)?|解除")),
]
DATE_BEFORE, DATE_AFTER = 10, 16

# ---- amounts: what a figure next to these words is (first that fits wins)
AVERAGE_WAGE = re.compile(r"(?:上(?:一)?年度?|当地|本市|所在地|所在市|全市|全省|本省|城镇|社会|在岗职工|(?<!在)职工)(?:的)?(?:在岗)?(?:职工)?(?:的)?(?:月)?"
                          r"(?:平均工资|平均月工资|月平均工资)|社平工资|社平")
MINIMUM_WAGE = re.compile(r"最低工资(?:标准)?")
UNPAID = re.compile(r"拖欠|欠了?(?:我|我们)?|欠薪|没(?:有)?发|未发|没给|没付|克扣|没结")
TOTAL = re.compile(r"共|合计|总共|一共|累计|总计|加起来")
WAGE_BEFORE = re.compile(r"(?:月平均工资|平均月工资|平均工资|本人工资|月工资标准|工资标准|月薪|(?<!个)月工资|工资(?:是|为|有|标准)?|薪水|薪资|底薪|基本工资|月收入|月入|到手|税前|每(?:个)?月(?:工资)?|一个月(?:工资)?"
                         r"|一月|工钱|收入)(?:额|数额)?(?:是|为|有|大概|大约|约|才|只有|就|税前|到手|能拿|拿|记为|记成|写成|设为|改为|改成|算|：|:|\s)*$")
NOT_WAGE_BEFORE = re.compile(r"房租|租金|伙食|饭钱|生活费|押金|罚款|社保费|公积金|话费|车费|路费|学费|借|贷款|房贷|医药费|保险费|电费|水费")
WAGE_AFTER = re.compile(r"^\s*(?:元|块钱?)?\s*(?:一个月|每月|/月|一月|每个月|的月薪|的工资|月薪)")
BASE_PAY = re.compile(r"底薪|基本工资")
NOT_A_WAGE_AFTER = re.compile(r"^\s*(?:元?\s*(?:一天|每天|/天|/日|一小时|每小时|/小时)|个|年|天|小时|钟头|月(?!薪)|倍|%|％|号|日|人|名|岁|级|次|平|米|公里|条|周)")
OFFER = re.compile(r"(?:给|赔|补)(?:我)?(?:了)?$|补偿(?:金)?(?:是|为|给)?$|赔偿(?:金)?(?:是|为|给)?$|罚(?:款|了)?(?:我)?$|押金$|借(?:了)?$")
CORRECTION = re.compile(r"不对|说错了?|更正|应该是|其实是|准确(?:地)?说|改一下|纠正")
APPROX_BEFORE = re.compile(r"(?:将近|快|近|不到|差不多|接近)$")
APPROX_AFTER = re.compile(r"^(?:多|左右|出头|来)")

# ---- pay by the day or the hour, and figures of an agreement (read before the monthly wage: 100元一天 is not 月薪)
PER_DAY_AFTER = re.compile(r"^\s*(?:元|块钱?)?\s*(?:/|每)?\s*(?:一天|每天|天|/日|一日|每日|一个工作日)(?!数)")
PER_HOUR_AFTER = re.compile(r"^\s*(?:元|块钱?)?\s*(?:/|每)?\s*(?:一小时|每小时|小时|/时|一个小时|每个小时)(?!数)")
DAILY_WAGE_BEFORE = re.compile(r"(?:日工资|日薪|天工资|每天工资|一天工资|工资每天|工资一天|日工资标准)(?:标准)?"
                               r"(?:是|为|有|大概|大约|约|才|只有|就|：|:|\s)*$")
HOURLY_WAGE_BEFORE = re.compile(r"(?:小时工资|时薪|每小时工资|一小时工资|工资每小时|工资一小时)(?:标准)?"
                                r"(?:是|为|有|大概|大约|约|才|只有|就|：|:|\s)*$")
WAGE_WORD = re.compile(r"工资|薪|工钱|收入|挣|赚|拿")
NOT_PAY_RATE_BEFORE = re.compile(r"加班费|加班工资|补贴|补助|餐补|饭补|提成|奖金|罚|扣|房租|押金|违约金")
POST_PROBATION_WAGE = re.compile(r"(?:试用期满|试用期结束|试用期过|过了试用期|转正)(?:以?后)?(?:的)?(?:月工资|月薪|工资)(?:标准)?"
                                 r"(?:是|为|有|定为|约定为|：|:|\s)*$|转正工资(?:是|为|：|:|\s)*$")
PROBATION_WAGE = re.compile(r"试用期(?:间|内|里)?(?:的)?(?:月工资|月薪|工资|每月)(?:只有|才|是|为|有|给|发|定为|约定为|：|:|\s)*$"
                            r"|试用期(?:间|内|里)?(?:每月|一个月)?(?:只)?(?:给|发)(?:我)?(?:了)?\s*$")
TRAINING_COST_BEFORE = re.compile(r"培训费(?:用)?(?:是|为|花了|花费|共计|共|一共|总共|合计|：|:|\s)*$")
TRAINING_COST_AFTER = re.compile(r"^\s*(?:元|块钱?)?\s*(?:的)?(?:专项)?(?:技术)?培训费")
PENALTY_BEFORE = re.compile(r"违约金(?:是|为|定为|约定为|写的是|写着|要|：|:|\s)*$")

# ---- hours of overtime per month, by kind of day
OVERTIME = re.compile(rf"(?:加班|加了|加)(?:了)?(?:的)?(?:时数|时间|小时数|时长)?(?:为|是|有)?(?:大概|大约|约|共|总共|一共)?\s*({NUMBER})\s*(?:个)?(?:小时|钟头|h)")
OVERTIME_KIND = [
    ("hours.holiday_overtime", re.compile(r"节假日|法定假|春节|过年|国庆|五一|劳动节|元旦|清明|端午|中秋|法定节")),
    ("hours.restday_overtime", re.compile(r"周末|周六|周日|星期六|星期天|星期日|休息日|礼拜|双休|休息天")),
    ("hours.weekday_overtime", re.compile(r"工作日|平时|平常|晚上|下班后|延时|每天")),
]
PER_DAY_OR_WEEK = re.compile(r"每天|每日|一天|每周|一周|每星期")

# ---- who the parties are
NAME = re.compile(r"(?:我叫|我的名字(?:是|叫)|本人叫|^本人|本人姓名(?:是|为|叫)?[：:]?\s*|姓名[：:]\s*)([\u4e00-\u9fff·]{2,4}?)"
                  r"(?=[，,。；;、\s（(]|$|男|女|今年|身份|现年|电话|手机)")
NOT_NAME = re.compile(r"[在于是的了我你他她公司工厂一个这那里不没]")
SEX = re.compile(r"(?:我是|本人|性别[：:]?\s*|我一个|作为)(?:一(?:个|名))?(男|女)(?:的|生|性|士|孩子?|工)?(?![^，。,\s]{0,1}(?:朋友|儿|同事|老板))"
                 r"|(?:^|[，,。\s：:])(男|女)(?:[，,、。\s]|$)")
FEMALE_HINT = re.compile(r"怀孕|产假|哺乳|孕期|生孩子|坐月子")
AGE = re.compile(rf"(?:今年|现年|我)?({NUMBER})(?:周)?岁(?:了)?")
PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
ID_NUMBER = re.compile(r"(?<![\dXx])\d{17}[\dXx](?![\dXx])")
ADDRESS = re.compile(r"(?:我?住(?:在|址[：:是为]?)|(?:我|(?<=[，,。；;\s]))住(?=[\u4e00-\u9fff]{2,3}[省市区县])|家住|现住|住所[：:]?|家庭住址[：:是为]?)\s*([\u4e00-\u9fff0-9A-Za-z\-号楼室栋单元村组路街巷弄]{4,40})")
JOB = re.compile(r"(?:岗位是|岗位为|职位是|职务是|工种是|担任|我是(?:一名|一个|个)?|做|当)"
                 r"([\u4e00-\u9fff]{1,6}?(?:工|员|师|司机|骑手|保安|保洁|厨师|服务员|店员|文员|会计|护士|主管|经理|快递员|焊工|电工|普工|操作工|技术员|销售))"
                 r"(?=[，,。；;、\s的]|$|工作|岗位)")
ORG = re.compile(r"([\u4e00-\u9fffA-Za-z0-9（）()·]{2,30}?(?:有限责任公司|股份有限公司|有限公司|分公司|集团|工厂|制造厂|电子厂|服装厂"
                 r"|酒店|餐厅|饭店|超市|医院|学校|物业公司|商行|门店|科技公司|建筑公司|劳务公司|派遣公司))")
ORG_LEAD = re.compile(r"^.*?(?:在|入职|进入|进了|进的|进到|到|于|受雇于|被(?![告申上])|原告|被告|申请人|上诉人|给|为|与|和|跟|向|告|就职于|任职于|去了?|是)")
GENERIC_ORG = re.compile(r"^(?:该|这|那|贵|本|我们|我|原|其|他们|一家|一个|这家|那家|某|公司|工厂|厂|对方|现在的|之前的|一|家)")
LEGAL_REP = re.compile(r"(?:法定代表人|法人代表|法人)(?:是|为|叫|：|:)\s*([\u4e00-\u9fff]{2,4})(?=[，,。；;、\s]|$)")
EMPLOYER_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("construction_contractor", re.compile(r"包工头|工地|施工队|工程队|分包|工头")),
    ("dispatch_agency", re.compile(r"派遣公司|劳务派遣")),
    ("platform", re.compile(r"外卖平台|(?:美团|饿了么|滴滴|货拉拉)(?:平台)?|网约车平台|平台公司")),
    ("individual", re.compile(r"个体户|个体工商户|个人老板|小店|夫妻店|小作坊|私人老板")),
    ("company", re.compile(r"有限公司|股份公司|集团|公司")),
]

# ---- what the worker wants
WANTS: list[tuple[str, re.Pattern[str]]] = [
    ("compensation", re.compile(r"补偿|赔偿|赔钱|N\+1|n\+1|2N|2n|赔多少|赔我")),
    ("back_wages", re.compile(r"要回(?:工资|钱)|讨(?:回)?(?:工资|薪)|追讨|要(?:到)?工资|把(?:工资|钱)要回来|拿回(?:工资|钱)|讨要"
                              r"|工资差额|(?:支付|补发)(?!了)[^，。；]{0,20}?(?:拖欠|欠发|欠付|未付|未发)(?:的)?(?:工资|劳动报酬)")),
    ("reinstatement", re.compile(r"恢复(?:劳动关系|工作)|继续(?:履行|上班|工作)|回去上班|回(?:公司|单位)上班")),
    ("overtime_pay", re.compile(r"加班费|加班工资")),
    ("double_wage", re.compile(r"二倍工资|双倍工资|两倍工资")),
    ("social_insurance", re.compile(r"补缴|补交社保|把社保补上")),
    ("injury_benefits", re.compile(r"工伤(?:待遇|赔偿|补助)|伤残(?:补助|赔偿)")),
    ("leave", re.compile(r"年假|年休假|产假|婚假|丧假|陪产假|育儿假")),
    ("resign", PLANNED),
    ("documents", re.compile(r"离职证明|解除(?:劳动合同)?证明|档案|退工单")),
    ("unemployment_benefits", re.compile(r"失业(?:保险)?金|失业保险待遇|失业补助|领失业|失业救济")),
]

NOT_WANTED_BEFORE = re.compile(r"不(?:想|要|打算)?$|没想$")  # 不想要补偿, 不要离职证明
# A term asked to be explained (失业金是什么, 什么是双倍工资, 经济补偿金是什么意思) names the benefit, not a wish for it:
# shown back as 想要什么 it would be a fact the worker never stated.
DEFINITION_BEFORE = re.compile(r"(?:什么是|什么叫|啥是|啥叫|何为|何谓)$")
DEFINITION_AFTER = re.compile(r"^[^，。,；;？?！!]{0,4}?(?:是什么|是啥|是指|指的是|指什么|什么意思|啥意思|的意思|的定义|的概念)")

# ---- a change of subject: what follows is another person's or another matter's case
NEW_CASE = re.compile(r"^(?:另外|另一个|换个|再问|还有一个|顺便问)(?:一个)?(?:问题|事)|(?:我|帮)(?:的)?(?:朋友|同事|老乡|亲戚|老婆|老公|妻子|丈夫|爸|妈|哥|姐|弟|妹)"
                      r"(?:的情况|他|她|问|在|被|也)|换个(?:话题|问题)|说另一件事|新的问题")

# ---- a sentence about someone else, or a hypothetical, states nothing about this worker's case
OTHER_PERSON_BEFORE = re.compile(r"(?:同事|朋友|老乡|工友|亲戚|别人|(?<!其)他|她|他们|她们|老婆|老公|妻子|丈夫|儿子|女儿|爸|妈)(?:的)?[^，。,；我]{0,8}$")
HYPOTHETICAL_BEFORE = re.compile(r"(?:如果|要是|假如|万一|假设|会不会|能不能|可不可以|是否|听说|请问|一般|怎么)[^，。,；]{0,8}$")
FIRST_PERSON = re.compile(r"我|被|本人|咱|个人原因|自己")
