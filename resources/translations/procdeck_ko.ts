<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ko_KR">
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../../ui/batchdialog.ui" line="+6" />
        <source>New batch</source>
        <translation>새 일괄 작업</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Template:</source>
        <translation>템플릿(&amp;T):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>{} becomes each value, {#} the job's number</source>
        <translation>{}는 각 값으로, {#}는 작업 번호로 바뀝니다</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Run through /bin/sh -c</source>
        <translation>/bin/sh -c로 실행</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Range:</source>
        <translation>범위(&amp;R):</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;List:</source>
        <translation>목록(&amp;L):</translation>
    </message>
    <message>
        <location line="+2" />
        <source>F&amp;ile:</source>
        <translation>파일(&amp;I):</translation>
    </message>
    <message>
        <location line="+3" />
        <source>one value per line</source>
        <translation>한 줄에 값 하나</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Browse…</source>
        <translation>찾아보기(&amp;B)…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Max parallel:</source>
        <translation>최대 병렬 수(&amp;M):</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Timeout:</source>
        <translation>제한 시간(&amp;T):</translation>
    </message>
    <message>
        <location line="+3" />
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+18" />
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <location line="-17" />
        <source>then</source>
        <translation>초과하면</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Output &amp;encoding:</source>
        <translation>출력 인코딩(&amp;E):</translation>
    </message>
    <message>
        <location line="+4" />
        <source>R&amp;un in a terminal (stdout and stderr merge)</source>
        <translation>터미널에서 실행(&amp;U) (stdout과 stderr가 합쳐짐)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Give the job a pseudo-terminal (like --pty): programs show colours and print at once as at a terminal. Its stdout and stderr then arrive as one stream, shown as stdout.</source>
        <translation>작업에 가상 터미널을 줍니다(--pty와 같음): 프로그램이 터미널에서처럼 색을 보이고 곧바로 출력합니다. 이때 stdout과 stderr는 한 흐름으로 들어와 stdout으로 표시됩니다.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Tries:</source>
        <translation>시도(&amp;T):</translation>
    </message>
    <message>
        <location line="+3" />
        <source>1 (no retry)</source>
        <translation>1 (재시도 없음)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>at most </source>
        <translation>최대 </translation>
    </message>
    <message>
        <location line="+29" />
        <source>Run in the bac&amp;kground (keeps running when the window closes)</source>
        <translation>백그라운드에서 실행(&amp;K) (창을 닫아도 계속 실행)</translation>
    </message>
    <message>
        <source>Run in the &amp;background (keeps running when the window closes)</source>
        <translation>백그라운드에서 실행(&amp;B) (창을 닫아도 계속 실행)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>The batch goes to the engine, the same one procdeck-cli --detach uses: its jobs are rows of the table as any, and run on after the window closes.</source>
        <translation>일괄 작업이 procdeck-cli --detach가 쓰는 것과 같은 엔진으로 갑니다: 작업은 표의 행으로 보이고, 창을 닫은 뒤에도 계속 실행됩니다.</translation>
    </message>
    <message>
        <source>Re&amp;tries:</source>
        <translation type="vanished">재시도(&amp;T):</translation>
    </message>
    <message>
        <location line="-29" />
        <source>Like GNU parallel's --retries: a job that fails, crashes or times out runs up to this many times in all (not one you kill).</source>
        <translation>GNU parallel의 --retries와 같습니다: 실패하거나 비정상 종료하거나 시간이 초과된 작업을 모두 합쳐 이 횟수까지 실행합니다(직접 강제 종료한 작업은 제외).</translation>
    </message>
    <message>
        <source>run once</source>
        <translation type="vanished">한 번만 실행</translation>
    </message>
    <message>
        <source> tries in all</source>
        <translation type="vanished">회 (모두 합쳐)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>first &amp;wait:</source>
        <translation>첫 대기(&amp;W):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The wait before the second try, doubled for each further one (at most ten times this), with ±25 % jitter.</source>
        <translation>두 번째 시도 전의 대기 시간. 이후 시도마다 두 배가 되며(최대 이 값의 열 배), ±25 %의 무작위 편차가 있습니다.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Halt:</source>
        <translation>중단(&amp;H):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Like GNU parallel's --halt: when the batch stops starting jobs (soon) or also stops its running ones (now): after N jobs or P % failed, succeeded or ended, e.g. now,fail=1. Legacy 0, 1, 2, -1, -2 too.</source>
        <translation>GNU parallel의 --halt와 같습니다: 작업 N개 또는 P %가 실패·성공·종료하면 배치가 새 작업 시작을 멈추거나(soon) 실행 중인 작업도 멈춥니다(now). 예: now,fail=1. 예전 형식 0, 1, 2, -1, -2도 받습니다.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>N&amp;ice:</source>
        <translation>나이스 값(&amp;I):</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Like GNU parallel's --nice: every process of the job starts at this niceness, from -20 (first) to 19 (last); 0 is ProcDeck's own. Below 0 needs privileges.</source>
        <translation>GNU parallel의 --nice처럼 작업의 모든 프로세스가 이 나이스 값으로 시작합니다. -20(가장 먼저)부터 19(가장 나중)까지이며, 0은 ProcDeck 자신의 값입니다. 0보다 낮추려면 권한이 필요합니다.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>higher: the job yields the CPU to others</source>
        <translation>높을수록 다른 프로그램에 CPU를 양보합니다</translation>
    </message>
    <message>
        <location line="+4" />
        <source>s&amp;alloc arguments:</source>
        <translation>salloc 인자(&amp;A):</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Run &amp;on:</source>
        <translation>실행 위치(&amp;O):</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Preview</source>
        <translation>미리 보기</translation>
    </message>
</context>
<context>
    <name>EndNotices</name>
    <message numerus="yes">
        <location filename="../../src/core/scheduling/endnotices.cpp" line="+25" />
        <source>Batch ended: %n job(s) failed</source>
        <translation><numerusform>일괄 작업 끝: 작업 %n개 실패</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>Batch done: all %n job(s) succeeded</source>
        <translation><numerusform>일괄 작업 완료: 작업 %n개 모두 성공</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n job(s) · %1 s of work in %2 s</source>
        <translation><numerusform>작업 %n개 · 작업 시간 %1초를 %2초 만에</numerusform></translation>
    </message>
    <message>
        <location line="+8" />
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
</context>
<context>
    <name>EndReason</name>
    <message>
        <location filename="../../src/core/process/endreason.cpp" line="+65" />
        <source>SIGTERM at %1 s</source>
        <translation>%1초에 SIGTERM</translation>
    </message>
    <message>
        <location line="+2" />
        <source>still running at %1 s, SIGKILL</source>
        <translation>%1초에도 실행 중이어서 SIGKILL</translation>
    </message>
    <message>
        <location line="+0" />
        <source>SIGKILL at %1 s</source>
        <translation>%1초에 SIGKILL</translation>
    </message>
    <message>
        <location line="+9" />
        <source>it ended by %1</source>
        <translation>%1(으)로 종료됨</translation>
    </message>
    <message>
        <location line="+2" />
        <source>it exited with code %1 at %2 s</source>
        <translation>%2초에 코드 %1(으)로 끝남</translation>
    </message>
    <message>
        <location line="+1" />
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+37" />
        <source>Timed out: %1; it is ending.</source>
        <translation>시간 초과: %1; 끝나는 중입니다.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Its timeout of %1 s expired; it is left running, as asked.</source>
        <translation>제한 시간 %1초가 지났습니다. 설정대로 계속 실행합니다.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Exited with code 0, after its timeout had expired.</source>
        <translation>제한 시간이 지난 뒤 코드 0으로 끝났습니다.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Exited with code 0, after its timeout of %1 s had expired.</source>
        <translation>제한 시간 %1초가 지난 뒤 코드 0으로 끝났습니다.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Exited with code 0.</source>
        <translation>코드 0으로 끝났습니다.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Failed: %1</source>
        <translation>실패: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Exited with code %1, after its timeout had expired.</source>
        <translation>제한 시간이 지난 뒤 코드 %1(으)로 끝났습니다.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Exited with code %1, after its timeout of %2 s had expired.</source>
        <translation>제한 시간 %2초가 지난 뒤 코드 %1(으)로 끝났습니다.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Exited with code %1.</source>
        <translation>코드 %1(으)로 끝났습니다.</translation>
    </message>
    <message>
        <location line="-36" />
        <source>Timed out: %1.</source>
        <translation>시간 초과: %1.</translation>
    </message>
    <message>
        <location line="-58" />
        <source>Queued</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Timed out (still running)</source>
        <translation>시간 초과 (계속 실행 중)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Paused</source>
        <translation>일시 정지됨</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Skipped</source>
        <translation>건너뜀</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Finished</source>
        <translation>완료</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Timed out</source>
        <translation>시간 초과</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Killed</source>
        <translation>강제 종료됨</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Crashed</source>
        <translation>비정상 종료</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Failed to start</source>
        <translation>시작 실패</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location line="+37" />
        <source>ended by %1 — sent from ProcDeck</source>
        <translation>%1(으)로 종료됨 — ProcDeck이 보냄</translation>
    </message>
    <message>
        <location line="+2" />
        <source>ended by %1 — not sent by ProcDeck; probably the kernel's out-of-memory killer</source>
        <translation>%1(으)로 종료됨 — ProcDeck이 보내지 않음. 커널의 메모리 부족(OOM) 킬러로 보입니다</translation>
    </message>
    <message>
        <location line="+2" />
        <source>ended by %1 — not sent by ProcDeck</source>
        <translation>%1(으)로 종료됨 — ProcDeck이 보내지 않음</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Timed out: ended by %1.</source>
        <translation>시간 초과: %1(으)로 종료되었습니다.</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Timed out.</source>
        <translation>시간 초과.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Timed out after %1 s: ended by %2.</source>
        <translation>%1초 제한 시간 초과: %2(으)로 종료되었습니다.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Timed out after %1 s.</source>
        <translation>%1초 제한 시간 초과.</translation>
    </message>
    <message>
        <location line="+35" />
        <source>Killed: %1.</source>
        <translation>강제 종료: %1.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Killed by you: ended by %1.</source>
        <translation>사용자가 종료함: %1(으)로 종료되었습니다.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Killed by you.</source>
        <translation>사용자가 종료함.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Crashed: %1.</source>
        <translation>비정상 종료: %1.</translation>
    </message>
    <message>
        <source>Crashed: ended by %1, which ProcDeck did not send.</source>
        <translation type="vanished">비정상 종료: ProcDeck이 보내지 않은 %1(으)로 끝났습니다.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Failed to start.</source>
        <translation>시작하지 못했습니다.</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Failed to start: %1</source>
        <translation>시작하지 못했습니다: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Cancelled before it started.</source>
        <translation>시작하기 전에 취소되었습니다.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancelled before it started: %1</source>
        <translation>시작하기 전에 취소됨: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Paused (its whole process tree is stopped); its timeout's clock is stopped too.</source>
        <translation>일시 정지됨(프로세스 트리 전체가 멈춤). 제한 시간의 시계도 멈춥니다.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Skipped: %1.</source>
        <translation>건너뜀: %1.</translation>
    </message>
    <message>
        <source>Never ran: %1</source>
        <translation type="vanished">실행되지 않음: %1</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Slurm ended it at its time limit (TIMEOUT)</source>
        <translation>Slurm이 시간 제한에 이르러 끝냈습니다 (TIMEOUT)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Slurm ended it for using more memory than it asked for (OUT_OF_MEMORY)</source>
        <translation>요청한 것보다 메모리를 많이 써서 Slurm이 끝냈습니다 (OUT_OF_MEMORY)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>its node failed (NODE_FAIL)</source>
        <translation>노드에 장애가 났습니다 (NODE_FAIL)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Slurm preempted it for another job (PREEMPTED)</source>
        <translation>Slurm이 다른 작업을 위해 선점했습니다 (PREEMPTED)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>cancelled on the cluster (CANCELLED)</source>
        <translation>클러스터에서 취소되었습니다 (CANCELLED)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Slurm's final state: %1</source>
        <translation>Slurm의 최종 상태: %1</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../ui/historydialog.ui" line="+6" />
        <source>History</source>
        <translation>기록</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Search earlier commands…</source>
        <translation>이전 명령 검색…</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Show &amp;output</source>
        <translation>출력 보기(&amp;O)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>The selected job's kept output, while its files are still there</source>
        <translation>선택한 작업의 보관된 출력 (파일이 남아 있는 동안)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Run again</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
</context>
<context>
    <name>JobPriority</name>
    <message>
        <location filename="../../src/core/process/jobpriority.cpp" line="+34" />
        <source>Job %1 is not running: it has no processes to give a priority.</source>
        <translation>작업 %1은(는) 실행 중이 아니라 우선순위를 줄 프로세스가 없습니다.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Job %1 runs on %2: ProcDeck sets the priority of jobs that run here only.</source>
        <translation>작업 %1은(는) %2에서 실행됩니다. ProcDeck은 이 컴퓨터에서 실행되는 작업의 우선순위만 바꿉니다.</translation>
    </message>
    <message>
        <location line="-7" />
        <source>Niceness %1 is out of range: -20 (first) to 19 (last).</source>
        <translation>나이스 값 %1은(는) 범위를 벗어납니다: -20(가장 먼저)부터 19(가장 나중)까지입니다.</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Job %1 keeps its priority: niceness %2 was refused — %3. A niceness below what its processes have needs the CAP_SYS_NICE privilege or a higher RLIMIT_NICE (ulimit -e).</source>
        <translation>작업 %1의 우선순위는 그대로입니다. 나이스 값 %2이(가) 거부되었습니다 — %3. 프로세스의 지금 값보다 낮추려면 CAP_SYS_NICE 권한이나 더 높은 RLIMIT_NICE(ulimit -e)가 필요합니다.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Job %1 keeps its priority: %2.</source>
        <translation>작업 %1의 우선순위는 그대로입니다: %2.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Job %1 has niceness %2 now, but its I/O priority was refused — %3.</source>
        <translation>작업 %1의 나이스 값은 이제 %2이지만 I/O 우선순위는 거부되었습니다 — %3.</translation>
    </message>
</context>
<context>
    <name>JobSignals</name>
    <message>
        <location filename="../../src/core/process/jobsignals.cpp" line="+29" />
        <source>no signal has the number %1 (1 to %2)</source>
        <translation>번호 %1인 시그널은 없습니다 (1부터 %2까지)</translation>
    </message>
    <message>
        <location line="+12" />
        <source>not a signal: '%1' (a name such as USR1 or SIGHUP, or a number)</source>
        <translation>시그널이 아닙니다: '%1' (USR1, SIGHUP 같은 이름이나 번호)</translation>
    </message>
    <message>
        <location line="+14" />
        <source>job %1 has not started: there is no process to signal</source>
        <translation>작업 %1은(는) 아직 시작하지 않아 시그널을 받을 프로세스가 없습니다</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+24" />
        <source>job %1 has ended</source>
        <translation>작업 %1은(는) 끝났습니다</translation>
    </message>
    <message>
        <location line="-18" />
        <source>job %1 runs on %2: ProcDeck can pause, resume and kill it there, not send it %3</source>
        <translation>작업 %1은(는) %2에서 실행됩니다. ProcDeck은 그곳의 작업을 일시 정지, 재개, 종료할 수 있지만 %3을(를) 보낼 수는 없습니다</translation>
    </message>
    <message>
        <location line="+7" />
        <source>job %1 is being killed: it cannot be stopped</source>
        <translation>작업 %1은(는) 종료되는 중이라 멈출 수 없습니다</translation>
    </message>
    <message>
        <location line="+2" />
        <source>job %1 could not be resumed</source>
        <translation>작업 %1을(를) 재개하지 못했습니다</translation>
    </message>
    <message>
        <location line="+2" />
        <source>job %1's processes have ended</source>
        <translation>작업 %1의 프로세스가 끝났습니다</translation>
    </message>
    <message>
        <location line="+10" />
        <source>job %1 runs on %2: its processes there are not signalled from here</source>
        <translation>작업 %1은(는) %2에서 실행됩니다: 그곳의 프로세스에는 여기서 시그널을 보낼 수 없습니다</translation>
    </message>
    <message>
        <location line="+4" />
        <source>process %1 is not one of job %2's</source>
        <translation>프로세스 %1은(는) 작업 %2의 것이 아닙니다</translation>
    </message>
    <message>
        <location line="+3" />
        <source>process %1 has ended</source>
        <translation>프로세스 %1은(는) 끝났습니다</translation>
    </message>
    <message>
        <location line="+1" />
        <source>process %1: %2</source>
        <translation>프로세스 %1: %2</translation>
    </message>
</context>
<context>
    <name>LaunchDialog</name>
    <message>
        <location filename="../../ui/launchdialog.ui" line="+6" />
        <source>Launch job</source>
        <translation>작업 실행</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Command:</source>
        <translation>명령(&amp;C):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>e.g. sleep 5; echo done</source>
        <translation>예: sleep 5; echo done</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Run through /bin/sh -c (pipes, ;, &amp;&amp;, variables)</source>
        <translation>/bin/sh -c로 실행 (파이프, ;, &amp;&amp;, 변수)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Label:</source>
        <translation>이름(&amp;L):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>optional, shown instead of the command</source>
        <translation>선택 사항, 명령 대신 표시됨</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Working directory:</source>
        <translation>작업 디렉터리(&amp;W):</translation>
    </message>
    <message>
        <location line="+3" />
        <source>current directory</source>
        <translation>현재 디렉터리</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Browse…</source>
        <translation>찾아보기(&amp;B)…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Output &amp;encoding:</source>
        <translation>출력 인코딩(&amp;E):</translation>
    </message>
    <message>
        <location line="+4" />
        <source>R&amp;un in a terminal (stdout and stderr merge)</source>
        <translation>터미널에서 실행(&amp;U) (stdout과 stderr가 합쳐짐)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Give the job a pseudo-terminal (like --pty): programs show colours and print at once as at a terminal. Its stdout and stderr then arrive as one stream, shown as stdout.</source>
        <translation>작업에 가상 터미널을 줍니다(--pty와 같음): 프로그램이 터미널에서처럼 색을 보이고 곧바로 출력합니다. 이때 stdout과 stderr는 한 흐름으로 들어와 stdout으로 표시됩니다.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Timeout:</source>
        <translation>제한 시간(&amp;T):</translation>
    </message>
    <message>
        <location line="+3" />
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+4" />
        <location line="+24" />
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <location line="-27" />
        <source>then</source>
        <translation>초과하면</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;grace:</source>
        <translation>유예(&amp;G):</translation>
    </message>
    <message>
        <location line="+5" />
        <source>En&amp;vironment:</source>
        <translation>환경 변수(&amp;V):</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Variable</source>
        <translation>변수</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Add</source>
        <translation>추가(&amp;A)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Remove</source>
        <translation>삭제(&amp;R)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Standard &amp;input:</source>
        <translation>표준 입력(&amp;I):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>text given to the command on stdin (empty: none)</source>
        <translation>명령의 stdin으로 줄 텍스트 (비우면 없음)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Tries:</source>
        <translation>시도(&amp;T):</translation>
    </message>
    <message>
        <location line="+3" />
        <source>1 (no retry)</source>
        <translation>1 (재시도 없음)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>at most </source>
        <translation>최대 </translation>
    </message>
    <message>
        <location line="+13" />
        <source>N&amp;ice:</source>
        <translation>나이스 값(&amp;I):</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Like GNU parallel's --nice: every process of the job starts at this niceness, from -20 (first) to 19 (last); 0 is ProcDeck's own. Below 0 needs privileges.</source>
        <translation>GNU parallel의 --nice처럼 작업의 모든 프로세스가 이 나이스 값으로 시작합니다. -20(가장 먼저)부터 19(가장 나중)까지이며, 0은 ProcDeck 자신의 값입니다. 0보다 낮추려면 권한이 필요합니다.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>higher: the job yields the CPU to others</source>
        <translation>높을수록 다른 프로그램에 CPU를 양보합니다</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Run in the &amp;background (keeps running when the window closes)</source>
        <translation>백그라운드에서 실행(&amp;B) (창을 닫아도 계속 실행)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>The job goes to the engine, the same one procdeck-cli --detach uses: it runs on after the window closes and is shown in the Background tab.</source>
        <translation>작업은 엔진으로 갑니다 (procdeck-cli --detach가 쓰는 것과 같은 엔진). 창을 닫은 뒤에도 계속 실행되며 백그라운드 탭에 표시됩니다.</translation>
    </message>
    <message>
        <source>Re&amp;tries:</source>
        <translation type="vanished">재시도(&amp;T):</translation>
    </message>
    <message>
        <location line="-30" />
        <source>Like GNU parallel's --retries: a job that fails, crashes or times out runs up to this many times in all (not one you kill).</source>
        <translation>GNU parallel의 --retries와 같습니다: 실패하거나 비정상 종료하거나 시간이 초과된 작업을 모두 합쳐 이 횟수까지 실행합니다(직접 강제 종료한 작업은 제외).</translation>
    </message>
    <message>
        <source>run once</source>
        <translation type="vanished">한 번만 실행</translation>
    </message>
    <message>
        <source> tries in all</source>
        <translation type="vanished">회 (모두 합쳐)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>first &amp;wait:</source>
        <translation>첫 대기(&amp;W):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The wait before the second try, doubled for each further one (at most ten times this), with ±25 % jitter.</source>
        <translation>두 번째 시도 전의 대기 시간. 이후 시도마다 두 배가 되며(최대 이 값의 열 배), ±25 %의 무작위 편차가 있습니다.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Run &amp;after…</source>
        <translation>다음 작업 뒤에 실행(&amp;A)…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The job waits in the queue until the jobs numbered here have ended (the table's # column).</source>
        <translation>여기 적은 번호의 작업(표의 # 열)이 끝날 때까지 이 작업은 대기열에서 기다립니다.</translation>
    </message>
    <message>
        <location line="+0" />
        <source>job numbers, e.g. 3, 5 (empty: start at once)</source>
        <translation>작업 번호, 예: 3, 5 (비우면 바로 시작)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>only if they &amp;succeed</source>
        <translation>성공한 경우에만(&amp;S)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Like "after_success" in a batch file: if one of them does not succeed, this job is skipped.</source>
        <translation>배치 파일의 "after_success"와 같습니다: 그중 하나라도 성공하지 못하면 이 작업은 건너뜁니다.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Run &amp;on:</source>
        <translation>실행 위치(&amp;O):</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.ui" line="+6" />
        <source>ProcDeck</source>
        <translation>ProcDeck</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Filter by command or output…</source>
        <translation>명령이나 출력으로 거르기…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Show:</source>
        <translation>표시(&amp;S):</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Output</source>
        <translation>출력</translation>
    </message>
    <message>
        <location line="+16" />
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location line="+15" />
        <source>&amp;Jobs</source>
        <translation>작업(&amp;J)</translation>
    </message>
    <message>
        <location line="+10" />
        <source>&amp;Settings</source>
        <translation>설정(&amp;S)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Main toolbar</source>
        <translation>기본 도구 모음</translation>
    </message>
    <message>
        <location line="+17" />
        <source>&amp;New job…</source>
        <translation>새 작업(&amp;N)…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Launch one command (Ctrl+N)</source>
        <translation>명령 하나 실행 (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New &amp;batch…</source>
        <translation>새 일괄 작업(&amp;B)…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Run a template over many values in parallel (Ctrl+B)</source>
        <translation>템플릿을 여러 값으로 병렬 실행 (Ctrl+B)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Run again</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Run the selected jobs again (Ctrl+R)</source>
        <translation>선택한 작업을 다시 실행 (Ctrl+R)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Kill</source>
        <translation>강제 종료(&amp;K)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Kill the selected jobs' process trees (Del)</source>
        <translation>선택한 작업의 프로세스 트리를 종료 (Del)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Kill &amp;all</source>
        <translation>모두 종료(&amp;A)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Kill every running job and cancel the queue (Ctrl+Shift+K)</source>
        <translation>실행 중인 작업을 모두 종료하고 대기열을 취소 (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Remove &amp;ended</source>
        <translation>끝난 작업 지우기(&amp;E)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Remove every job that has ended from the table: succeeded, failed, killed or cancelled (Ctrl+Shift+R)</source>
        <translation>끝난 작업을 모두 표에서 지웁니다: 성공, 실패, 강제 종료, 취소 모두 (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Export run log…</source>
        <translation>실행 기록 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Save what ran as a run log (Ctrl+E)</source>
        <translation>실행한 내용을 실행 기록으로 저장 (Ctrl+E)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open batch file in the &amp;background…</source>
        <translation>일괄 작업 파일을 백그라운드에서 열기(&amp;B)…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Hand the jobs of a batch file to the engine: they run on when this window closes (Ctrl+Shift+O)</source>
        <translation>일괄 작업 파일의 작업을 엔진에 넘깁니다: 이 창을 닫아도 계속 실행됩니다 (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Open batch file…</source>
        <translation>일괄 작업 파일 열기(&amp;O)…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Run the jobs of a batch file (Ctrl+O)</source>
        <translation>일괄 작업 파일의 작업 실행 (Ctrl+O)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Save jobs as batch file…</source>
        <translation>작업을 일괄 작업 파일로 저장(&amp;S)…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Save the table's jobs as a batch file (Ctrl+S)</source>
        <translation>표의 작업을 일괄 작업 파일로 저장 (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;History…</source>
        <translation>기록(&amp;H)…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Earlier runs, with search and run again (Ctrl+H)</source>
        <translation>이전 실행 검색과 다시 실행 (Ctrl+H)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export &amp;selected jobs…</source>
        <translation>선택한 작업 내보내기(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Preferences…</source>
        <translation>환경 설정(&amp;P)…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Defaults for new jobs, the history and notifications (Ctrl+,)</source>
        <translation>새 작업의 기본값, 기록, 알림 (Ctrl+,)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Find in output</source>
        <translation>출력에서 찾기(&amp;F)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;About ProcDeck</source>
        <translation>ProcDeck 정보(&amp;A)</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../ui/preferencesdialog.ui" line="+6" />
        <source>Preferences</source>
        <translation>환경 설정</translation>
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Max parallel jobs:</source>
        <translation>최대 병렬 작업 수(&amp;M):</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Default &amp;timeout:</source>
        <translation>기본 제한 시간(&amp;T):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+4" />
        <location line="+5" />
        <location line="+2" />
        <location line="+7" />
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <location line="-17" />
        <source>On &amp;timeout:</source>
        <translation>시간 초과 시(&amp;T):</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Grace before a forced kill:</source>
        <translation>강제 종료 전 유예(&amp;G):</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Output &amp;encoding:</source>
        <translation>출력 인코딩(&amp;E):</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Output &amp;kept in memory:</source>
        <translation>메모리에 보관할 출력(&amp;K):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Read CPU and memory &amp;every:</source>
        <translation>CPU와 메모리 읽는 간격(&amp;E):</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Mark a job &amp;idle after:</source>
        <translation>작업을 유휴로 표시할 시간(&amp;I):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>never</source>
        <translation>안 함</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Keep history &amp;for:</source>
        <translation>기록 보관 기간(&amp;F):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>forever</source>
        <translation>영구</translation>
    </message>
    <message>
        <location line="+0" />
        <source> days</source>
        <translation>일</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Keep at most (&amp;jobs):</source>
        <translation>최대 보관 작업 수(&amp;J):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>no limit</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Notify me when a batch ends while ProcDeck is in the background</source>
        <translation>ProcDeck이 뒤에 있을 때 일괄 작업이 끝나면 알림(&amp;N)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>…or a single job that ran &amp;at least:</source>
        <translation>…또는 단독 작업이 최소 이만큼 실행되면(&amp;A):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A job started on its own is worth a notification once it has run this long</source>
        <translation>따로 시작한 작업은 이만큼 실행된 뒤에 끝나면 알립니다</translation>
    </message>
    <message>
        <location line="+1" />
        <source>SSH &amp;hosts:</source>
        <translation>SSH 호스트(&amp;H):</translation>
    </message>
    <message>
        <location line="+2" />
        <source>S&amp;lurm arguments:</source>
        <translation>S&amp;lurm 인수:</translation>
    </message>
    <message>
        <location line="+2" />
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
</context>
<context>
    <name>PriorityDialog</name>
    <message>
        <location filename="../../ui/prioritydialog.ui" line="+5" />
        <source>Priority</source>
        <translation>우선순위</translation>
    </message>
    <message>
        <location line="+8" />
        <source>N&amp;ice:</source>
        <translation>나이스 값(&amp;I):</translation>
    </message>
    <message>
        <location line="+3" />
        <source>-20 runs first, 19 last. Raising it is always allowed; lowering it needs privileges.</source>
        <translation>-20이 가장 먼저, 19가 가장 나중에 실행됩니다. 올리는 것은 언제나 되지만 낮추려면 권한이 필요합니다.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>higher: the job yields the CPU to others</source>
        <translation>높을수록 다른 프로그램에 CPU를 양보합니다</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Disk priority:</source>
        <translation>디스크 우선순위(&amp;D):</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;level:</source>
        <translation>수준(&amp;L):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>0 is served first, 7 last; 4 is the usual one.</source>
        <translation>0이 가장 먼저, 7이 가장 나중이며 보통은 4입니다.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Every process of the job's process group gets it, grandchildren included.</source>
        <translation>작업의 프로세스 그룹에 있는 모든 프로세스(손자 프로세스 포함)에 적용됩니다.</translation>
    </message>
</context>
<context>
    <name>SignalDialog</name>
    <message>
        <location filename="../../ui/signaldialog.ui" line="+5" />
        <source>Send signal</source>
        <translation>시그널 보내기</translation>
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Signal:</source>
        <translation>시그널(&amp;S):</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Number:</source>
        <translation>번호(&amp;N):</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Any signal by its number (kill -l lists them), for "Another signal by number".</source>
        <translation>"번호로 다른 시그널"을 고르면 쓰는 시그널 번호입니다 (kill -l이 목록을 보여 줍니다).</translation>
    </message>
</context>
<context>
    <name>formhelpers</name>
    <message>
        <location filename="../../src/app/formhelpers.cpp" line="+26" />
        <source>kill the process tree</source>
        <translation>프로세스 트리 종료</translation>
    </message>
    <message>
        <location line="+2" />
        <source>mark it, let it run</source>
        <translation>표시만 하고 계속 실행</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../src/app/main.cpp" line="+52" />
        <source>ProcDeck: run commands in parallel and watch them live.</source>
        <translation>ProcDeck: 명령을 병렬로 실행하고 실시간으로 지켜봅니다.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Run the command line's jobs in this window's own process: they end when it closes. Without it they go to your engine and run on after the window.</source>
        <translation>명령줄의 작업을 이 창의 프로세스에서 실행합니다: 창을 닫으면 끝납니다. 이 옵션이 없으면 작업은 엔진으로 가서 창이 닫힌 뒤에도 계속 실행됩니다.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>A program to run, after --.</source>
        <translation>-- 뒤에 실행할 프로그램.</translation>
    </message>
</context>
<context>
    <name>procdeck::DependencyTracker</name>
    <message>
        <location filename="../../src/core/scheduling/dependencytracker.cpp" line="+29" />
        <source>it did not succeed</source>
        <translation>그 작업이 성공하지 못했습니다</translation>
    </message>
    <message>
        <location line="+3" />
        <source>it failed</source>
        <translation>그 작업이 실패했습니다</translation>
    </message>
    <message>
        <location line="+3" />
        <source>it timed out</source>
        <translation>그 작업이 시간 초과되었습니다</translation>
    </message>
    <message>
        <location line="+3" />
        <source>it was killed</source>
        <translation>그 작업이 강제 종료되었습니다</translation>
    </message>
    <message>
        <location line="+3" />
        <source>it crashed</source>
        <translation>그 작업이 비정상 종료했습니다</translation>
    </message>
    <message>
        <location line="+3" />
        <source>it failed to start</source>
        <translation>그 작업이 시작하지 못했습니다</translation>
    </message>
    <message>
        <location line="+3" />
        <source>it was cancelled</source>
        <translation>그 작업이 취소되었습니다</translation>
    </message>
    <message>
        <location line="+3" />
        <source>it was skipped</source>
        <translation>그 작업을 건너뛰었습니다</translation>
    </message>
    <message>
        <location line="+5" />
        <source>it was to run only if job %1 succeeded, and %2</source>
        <extracomment>%1 names the job it waited for ("#3" or "'build' (#3)"); %2 says how that job ended</extracomment>
        <translation>작업 %1이(가) 성공해야 실행되는데, %2</translation>
    </message>
    <message>
        <location filename="../../src/core/scheduling/steeringqueue.cpp" line="+85" />
        <source>it was to run only if job %1 succeeded, and there is no such job</source>
        <translation>작업 %1이(가) 성공해야 실행되는데, 그런 작업이 없습니다</translation>
    </message>
</context>
<context>
    <name>procdeck::EngineConnection</name>
    <message>
        <location filename="../../src/core/client/engineconnection.cpp" line="+82" />
        <source>No engine answers on %1</source>
        <translation>%1에서 응답하는 엔진이 없습니다</translation>
    </message>
    <message>
        <location line="+55" />
        <source>The engine closed the connection</source>
        <translation>엔진이 연결을 닫았습니다</translation>
    </message>
</context>
<context>
    <name>procdeck::EngineJobsModel</name>
    <message>
        <location filename="../../src/core/models/enginejobsmodel.cpp" line="+244" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <location line="+1" />
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Elapsed</source>
        <translation>경과 시간</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Exit</source>
        <translation>종료 상태</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Output</source>
        <translation>출력</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Started</source>
        <translation>시작 시각</translation>
    </message>
</context>
<context>
    <name>procdeck::EngineRun</name>
    <message>
        <location filename="../../src/core/client/enginerun.cpp" line="+159" />
        <source>the window is no longer attached to the engine</source>
        <translation>창이 더 이상 엔진에 연결되어 있지 않습니다</translation>
    </message>
    <message>
        <location line="+49" />
        <source>it did not run in the engine (%1)</source>
        <extracomment>%1: the job's state there ("cancelled")</extracomment>
        <translation>엔진에서 실행되지 않았습니다 (%1)</translation>
    </message>
    <message>
        <location line="-6" />
        <source>timed out in the engine</source>
        <translation>엔진에서 시간 초과</translation>
    </message>
    <message>
        <location line="+69" />
        <source>the engine's job could not be followed: %1</source>
        <extracomment>%1: why (the engine's words, or the connection's)</extracomment>
        <translation>엔진의 작업을 따라갈 수 없습니다: %1</translation>
    </message>
    <message>
        <location line="+59" />
        <source>the engine would not %1 it: %2</source>
        <translation>엔진이 %1 요청을 거절했습니다: %2</translation>
    </message>
</context>
<context>
    <name>procdeck::HaltPolicy</name>
    <message>
        <location filename="../../src/core/scheduling/haltpolicy.cpp" line="+137" />
        <source>never: every job runs</source>
        <translation>중지 안 함: 모든 작업 실행</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>stop everything after %n failure(s)</source>
        <translation>
            <numerusform>실패 %n건이 나오면 모두 중지</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>start no more jobs after %n failure(s)</source>
        <translation>
            <numerusform>실패 %n건이 나오면 새 작업 시작 안 함</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>stop everything after %n success(es)</source>
        <translation>
            <numerusform>성공 %n건이 나오면 모두 중지</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>start no more jobs after %n success(es)</source>
        <translation>
            <numerusform>성공 %n건이 나오면 새 작업 시작 안 함</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>stop everything after %n job(s) ended</source>
        <translation>
            <numerusform>작업 %n개가 끝나면 모두 중지</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>start no more jobs after %n job(s) ended</source>
        <translation>
            <numerusform>작업 %n개가 끝나면 새 작업 시작 안 함</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>stop everything once %1 % of the jobs failed</source>
        <translation>작업의 %1 %가 실패하면 모두 중지</translation>
    </message>
    <message>
        <location line="+1" />
        <source>start no more jobs once %1 % of the jobs failed</source>
        <translation>작업의 %1 %가 실패하면 새 작업 시작 안 함</translation>
    </message>
    <message>
        <location line="+2" />
        <source>stop everything once %1 % of the jobs succeeded</source>
        <translation>작업의 %1 %가 성공하면 모두 중지</translation>
    </message>
    <message>
        <location line="+2" />
        <source>start no more jobs once %1 % of the jobs succeeded</source>
        <translation>작업의 %1 %가 성공하면 새 작업 시작 안 함</translation>
    </message>
    <message>
        <location line="+2" />
        <source>stop everything once %1 % of the jobs ended</source>
        <translation>작업의 %1 %가 끝나면 모두 중지</translation>
    </message>
    <message>
        <location line="+1" />
        <source>start no more jobs once %1 % of the jobs ended</source>
        <translation>작업의 %1 %가 끝나면 새 작업 시작 안 함</translation>
    </message>
    <message numerus="yes">
        <location line="+15" />
        <source>%n job(s) failed</source>
        <translation>
            <numerusform>작업 %n개 실패</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>%n job(s) succeeded</source>
        <translation>
            <numerusform>작업 %n개 성공</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>%n job(s) ended</source>
        <translation>
            <numerusform>작업 %n개 끝남</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5" />
        <source>its running jobs were stopped and nothing more started</source>
        <translation>실행 중이던 작업을 멈추고 더는 시작하지 않았습니다</translation>
    </message>
    <message>
        <location line="+2" />
        <source>nothing more started, its running jobs went on</source>
        <translation>더는 시작하지 않았고, 실행 중이던 작업은 계속 실행했습니다</translation>
    </message>
    <message>
        <location line="+3" />
        <source>halted: %1 (--halt %2); %3</source>
        <extracomment>%1 says what happened ("1 job failed"), %2 is GNU parallel's spelling ("now,fail=1")</extracomment>
        <translation>중지됨: %1 (--halt %2); %3</translation>
    </message>
</context>
<context>
    <name>procdeck::JobTableModel</name>
    <message>
        <location filename="../../src/core/models/jobcells.cpp" line="+67" />
        <location filename="../../src/core/models/jobtablemodel.cpp" line="+165" />
        <location line="+1" />
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/models/jobtablemodel.cpp" line="+36" />
        <source>%1 · %n line(s)</source>
        <translation><numerusform>%1 · %n줄</numerusform></translation>
    </message>
    <message>
        <location line="+12" />
        <source>working…</source>
        <extracomment>shown while a job runs, as in the notes' polling loop (Korean: 작업 중…)</extracomment>
        <translation>작업 중…</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Pending on the cluster</source>
        <extracomment>a job Slurm has accepted but not started yet (its own queue, apart from ProcDeck's "Queued")</extracomment>
        <translation>클러스터에서 대기 중</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>Timed out (still running)</source>
        <translation>시간 초과 (계속 실행 중)</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="vanished">일시 정지됨</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="vanished">건너뜀</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>시간 초과</translation>
    </message>
    <message>
        <source>Killed</source>
        <translation>강제 종료됨</translation>
    </message>
    <message>
        <source>Crashed</source>
        <translation>비정상 종료</translation>
    </message>
    <message>
        <source>Failed to start</source>
        <translation>시작 실패</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Waiting for %1</source>
        <extracomment>a queued job that starts once the jobs numbered so have ended ("Waiting for #3, #5")</extracomment>
        <translation>%1 기다리는 중</translation>
    </message>
    <message>
        <location line="+7" />
        <source>%1 (tried again as #%2)</source>
        <translation>%1 (#%2(으)로 다시 시도함)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 (attempt %2 of %3)</source>
        <translation>%1 (%3회 중 %2번째 시도)</translation>
    </message>
    <message>
        <location filename="../../src/app/jobtablepanel.cpp" line="+65" />
        <location filename="../../src/core/models/jobcells.cpp" line="-40" />
        <source>paused %1</source>
        <extracomment>how long a paused job has been paused so far</extracomment>
        <translation>일시 정지 %1</translation>
    </message>
    <message>
        <location filename="../../src/core/models/jobtablemodel.cpp" line="-58" />
        <source>%1 · %2/s</source>
        <extracomment>bytes read or written so far · the rate now ("120 MiB · 4.5 MiB/s")</extracomment>
        <translation>%1 · %2/초</translation>
    </message>
    <message>
        <location filename="../../src/app/jobtablepanel.cpp" line="-4" />
        <location filename="../../src/core/models/jobtablemodel.cpp" line="+32" />
        <source>Queued in the engine</source>
        <extracomment>a job the user's engine runs for the window and keeps in its queue for now</extracomment>
        <translation>엔진 대기열에 있음</translation>
    </message>
    <message>
        <location filename="../../src/core/models/jobtablemodel.cpp" line="+21" />
        <source>%1 — %2</source>
        <extracomment>a queued job held back by --load or --memfree; %2 says why, in the engine's words ("waiting: load 3 ≥ 2 (--load)")</extracomment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+93" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <location line="+1" />
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Elapsed</source>
        <translation>경과 시간</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Exit</source>
        <extracomment>the exit status of a process (Korean: 종료 상태)</extracomment>
        <translation>종료 상태</translation>
    </message>
    <message>
        <location line="+1" />
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <location line="+1" />
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Memory</source>
        <translation>메모리</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Peak memory</source>
        <translation>최대 메모리</translation>
    </message>
    <message>
        <location line="+1" />
        <source>CPU time</source>
        <translation>CPU 시간</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Output</source>
        <translation>출력</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Started</source>
        <translation>시작 시각</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Host</source>
        <extracomment>the computer a job runs on: this one, an ssh host or a Slurm node</extracomment>
        <translation>호스트</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Value</source>
        <extracomment>the value a batch job got in place of {} (GNU parallel's arguments); Korean: 값</extracomment>
        <translation>값</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Read</source>
        <extracomment>bytes the job's processes read from storage (disks), and how fast</extracomment>
        <translation>읽기</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Written</source>
        <extracomment>bytes the job's processes wrote to storage (disks), and how fast</extracomment>
        <translation>쓰기</translation>
    </message>
    <message>
        <location filename="../../src/core/models/jobidle.cpp" line="+18" />
        <source>sleeping</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <location line="+3" />
        <source>in disk wait (D)</source>
        <extracomment>uninterruptible sleep, mostly waiting for a disk or a network file system</extracomment>
        <translation>디스크 대기 (D)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>stopped (T)</source>
        <translation>정지됨 (T)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>stopped by a debugger (t)</source>
        <extracomment>stopped by a debugger (ptrace)</extracomment>
        <translation>디버거에 의해 정지됨 (t)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>in state %1</source>
        <translation>상태 %1</translation>
    </message>
    <message>
        <location line="+16" />
        <source>%1 in %2</source>
        <extracomment>a process's state and where it waits: "sleeping in read (anon_pipe_read)"</extracomment>
        <translation>%2에서 %1</translation>
    </message>
    <message>
        <location line="+11" />
        <source>its process %1</source>
        <translation>프로세스가 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>all %n processes %1</source>
        <translation><numerusform>프로세스 %n개 모두 %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+13" />
        <source>%n %1</source>
        <extracomment>how many processes wait so: "2 sleeping in read (anon_pipe_read)"</extracomment>
        <translation><numerusform>%n개 %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>%n other(s)</source>
        <translation><numerusform>그 밖에 %n개</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+13" />
        <source>%n s</source>
        <translation><numerusform>%n초</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n min</source>
        <translation><numerusform>%n분</numerusform></translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 h %2 min</source>
        <extracomment>hours and minutes: "1 h 5 min"</extracomment>
        <translation>%1시간 %2분</translation>
    </message>
    <message>
        <location line="+13" />
        <source>idle %1</source>
        <extracomment>beside a running job whose processes have used no CPU nor done any I/O for so long</extracomment>
        <translation>유휴 %1</translation>
    </message>
    <message>
        <location line="+10" />
        <source>No CPU or I/O for %1</source>
        <translation>%1 동안 CPU와 입출력 없음</translation>
    </message>
    <message>
        <location line="+3" />
        <source>No CPU or I/O for %1 — %2</source>
        <extracomment>"No CPU or I/O for 3 min — all 2 processes sleeping in read (anon_pipe_read)"</extracomment>
        <translation>%1 동안 CPU와 입출력 없음 — %2</translation>
    </message>
</context>
<context>
    <name>procdeck::ProcessTreeModel</name>
    <message>
        <location filename="../../src/core/models/processtreemodel.cpp" line="+192" />
        <source>running (%1)</source>
        <translation>실행 중 (%1)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>sleeping (%1)</source>
        <extracomment>waiting for something (input, a timer, a child): the usual state of a process</extracomment>
        <translation>대기 중 (%1)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>disk wait (%1)</source>
        <extracomment>waiting for the disk or another device, and cannot be interrupted</extracomment>
        <translation>디스크 대기 (%1)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>stopped (%1)</source>
        <translation>정지됨 (%1)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>traced (%1)</source>
        <extracomment>stopped by a debugger</extracomment>
        <translation>추적 중 (%1)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>zombie (%1)</source>
        <extracomment>ended, waiting for its parent to collect it</extracomment>
        <translation>좀비 (%1)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>idle (%1)</source>
        <translation>유휴 (%1)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>dead (%1)</source>
        <translation>소멸 (%1)</translation>
    </message>
    <message>
        <location line="+32" />
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Command line</source>
        <translation>명령줄</translation>
    </message>
    <message>
        <location line="+1" />
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location line="+1" />
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Memory</source>
        <translation>메모리</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Threads</source>
        <translation>스레드</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Read</source>
        <extracomment>bytes read from storage per second</extracomment>
        <translation>읽기</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Written</source>
        <extracomment>bytes written to storage per second</extracomment>
        <translation>쓰기</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Files</source>
        <extracomment>open file descriptors (files, pipes, sockets)</extracomment>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../src/core/models/processcells.cpp" line="+16" />
        <source>%1/s</source>
        <extracomment>bytes per second ("4.5 MiB/s")</extracomment>
        <translation>%1/초</translation>
    </message>
    <message>
        <location line="+17" />
        <source>ended</source>
        <extracomment>a process that has ended, shown greyed for a few seconds</extracomment>
        <translation>끝남</translation>
    </message>
</context>
<context>
    <name>procdeck::RemoteRun</name>
    <message>
        <location filename="../../src/core/process/remoterun.cpp" line="+22" />
        <source>Slurm cluster</source>
        <extracomment>the Host cell of a job sent to Slurm while no node is known for it</extracomment>
        <translation>Slurm 클러스터</translation>
    </message>
</context>
<context>
    <name>procdeck::TreeKiller</name>
    <message numerus="yes">
        <location filename="../../src/core/process/treekiller.cpp" line="+272" />
        <source>%n process(es) of its tree outlived it (%1): they had SIGTERM and get SIGKILL when the grace period ends</source>
        <translation>
            <numerusform>프로세스 트리의 프로세스 %n개가 작업보다 오래 남았습니다 (%1): SIGTERM을 받았고, 유예 시간이 끝나면 SIGKILL을 받습니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>killed %n leftover process(es) of its tree after it exited: %1</source>
        <translation>
            <numerusform>작업이 끝난 뒤 남은 프로세스 %n개를 강제 종료했습니다: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>procdeck::app::BackgroundPanel</name>
    <message>
        <location filename="../../src/app/backgroundpanel.cpp" line="+70" />
        <source>Start the engine again</source>
        <translation>엔진 다시 시작</translation>
    </message>
    <message>
        <location line="+21" />
        <source>No engine runs: jobs sent to the background start one.</source>
        <translation>실행 중인 엔진이 없습니다. 백그라운드로 보낸 작업이 엔진을 시작합니다.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Start the engine</source>
        <translation>엔진 시작</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Kill</source>
        <translation>강제 종료</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Resume</source>
        <translation>재개</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Run again</source>
        <translation>다시 실행</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Write the run log of the selected jobs (none selected: all)</source>
        <translation>선택한 작업의 실행 기록을 씁니다 (선택이 없으면 전부)</translation>
    </message>
    <message>
        <location line="+39" />
        <source>Exit</source>
        <translation>종료 상태</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Background</source>
        <translation>백그라운드</translation>
    </message>
    <message>
        <location line="+30" />
        <source>Engine pid %1, running since %2</source>
        <extracomment>the status bar while the window is attached to the engine: its pid and when it started</extracomment>
        <translation>엔진 pid %1, %2부터 실행 중</translation>
    </message>
    <message>
        <location line="+17" />
        <source>The jobs could not be sent to the background: %1</source>
        <translation>작업을 백그라운드로 보내지 못했습니다: %1</translation>
    </message>
    <message>
        <location line="+10" />
        <source>The engine (pid %1) has ended; starting the new one.</source>
        <translation>엔진(pid %1)이 종료되었습니다. 새 엔진을 시작합니다.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Engine gone</source>
        <translation>엔진 종료됨</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The engine (pid %1) has gone away (%2). The jobs it ran were ended with it; the Background tab shows them as they were last seen.</source>
        <translation>엔진(pid %1)이 사라졌습니다 (%2). 엔진이 실행하던 작업도 함께 종료되었습니다. 백그라운드 탭에는 마지막으로 본 모습 그대로 표시됩니다.</translation>
    </message>
    <message>
        <location line="+46" />
        <source>Export the background jobs' run log</source>
        <translation>백그라운드 작업의 실행 기록 내보내기</translation>
    </message>
    <message>
        <location line="+2" />
        <source>JSON Lines (*.jsonl);;CSV for spreadsheets (*.csv);;GNU parallel joblog (*.joblog);;Report as text (*.txt);;Report as HTML (*.html)</source>
        <translation>JSON Lines (*.jsonl);;스프레드시트용 CSV (*.csv);;GNU parallel joblog (*.joblog);;텍스트 보고서 (*.txt);;HTML 보고서 (*.html)</translation>
    </message>
    <message>
        <location line="+51" />
        <source>The engine refused: %1</source>
        <translation>엔진이 거부했습니다: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n job(s) queued again: %1</source>
        <translation><numerusform>작업 %n개를 다시 대기열에 넣었습니다: %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n job(s) sent to the background: %1</source>
        <translation><numerusform>작업 %n개를 백그라운드로 보냈습니다: %1</numerusform></translation>
    </message>
    <message>
        <location line="+13" />
        <source>Killed %1.</source>
        <extracomment>%1: job numbers ("#3, #5")</extracomment>
        <translation>%1 강제 종료함.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Paused %1.</source>
        <translation>%1 일시 정지함.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Resumed %1.</source>
        <translation>%1 재개함.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Not done: %1.</source>
        <translation>하지 못함: %1.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>The run log was not written to %1: %2</source>
        <translation>실행 기록을 %1에 쓰지 못했습니다: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>Exported %n job(s) to %1</source>
        <translation><numerusform>작업 %n개를 %1(으)로 내보냈습니다</numerusform></translation>
    </message>
</context>
<context>
    <name>procdeck::app::BatchAllocations</name>
    <message>
        <location filename="../../src/app/batchallocations.cpp" line="+36" />
        <location line="+108" />
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location line="-74" />
        <source>The batch did not run: the Slurm allocation failed: %1</source>
        <extracomment>%1 is what salloc said, such as "salloc: error: invalid partition specified: x"</extracomment>
        <translation>일괄 작업을 실행하지 않았습니다: Slurm 할당 실패: %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Slurm allocation %1 given back</source>
        <translation>Slurm 할당 %1 반납함</translation>
    </message>
    <message numerus="yes">
        <location line="+40" />
        <source>Slurm allocation %1 on %2 (%n node(s))</source>
        <extracomment>%1 the Slurm job id, %2 its nodes (procdeck-node, node[1-4])</extracomment>
        <translation><numerusform>Slurm 할당 %1: %2 (노드 %n개)</numerusform></translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1, no time limit</source>
        <translation>%1, 시간 제한 없음</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1, %2 left</source>
        <extracomment>%2 hours:minutes:seconds until Slurm ends the allocation</extracomment>
        <translation>%1, %2 남음</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Asking Slurm for an allocation for the batch</source>
        <translation>일괄 작업에 쓸 할당을 Slurm에 요청하는 중</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>Waiting for Slurm (%1): the batch's %n job(s) start once it grants the allocation</source>
        <extracomment>%1 is squeue's reason: Priority, Resources, QOSMaxJobsPerUserLimit…</extracomment>
        <translation><numerusform>Slurm 대기 중 (%1): 할당이 나오면 일괄 작업의 작업 %n개가 시작됩니다</numerusform></translation>
    </message>
    <message>
        <source>Waiting for Slurm (%1)</source>
        <extracomment>%1 is squeue's reason: Priority, Resources, QOSMaxJobsPerUserLimit…</extracomment>
        <translation type="vanished">Slurm 대기 중 (%1)</translation>
    </message>
    <message>
        <location line="+19" />
        <source>End the batch</source>
        <extracomment>the strip's button: withdraws a waiting request, or ends the batch and frees its nodes</extracomment>
        <translation>일괄 작업 끝내기</translation>
    </message>
</context>
<context>
    <name>procdeck::app::BatchDialog</name>
    <message>
        <location filename="../../src/app/batchdialog.cpp" line="+24" />
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Save as batch file…</source>
        <translation>일괄 작업 파일로 저장(&amp;S)…</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Values file</source>
        <translation>값 파일</translation>
    </message>
    <message>
        <source>never</source>
        <extracomment>GNU parallel's --halt values; "never" runs every job whatever happens</extracomment>
        <translation>안 함</translation>
    </message>
    <message>
        <location line="+126" />
        <source>Enter the values, separated by commas.</source>
        <translation>값을 쉼표로 구분해 입력하세요.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Unknown encoding: %1</source>
        <translation>알 수 없는 인코딩: %1</translation>
    </message>
    <message>
        <location line="+9" />
        <source>There are no values: the batch would run nothing.</source>
        <translation>값이 없습니다. 실행할 작업이 없습니다.</translation>
    </message>
    <message>
        <location line="+48" />
        <source>Save batch file</source>
        <translation>일괄 작업 파일 저장</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Batch files (*.json)</source>
        <translation>일괄 작업 파일 (*.json)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Save failed</source>
        <translation>저장 실패</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The batch file was not saved: %1</source>
        <translation>일괄 작업 파일을 저장하지 못했습니다: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+32" />
        <source>… and %n more</source>
        <translation><numerusform>… 외 %n개</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>Preview — %n job(s)</source>
        <translation><numerusform>미리 보기 — 작업 %n개</numerusform></translation>
    </message>
    <message>
        <location line="+1" />
        <source>Preview</source>
        <translation>미리 보기</translation>
    </message>
</context>
<context>
    <name>procdeck::app::BatchFileActions</name>
    <message>
        <location filename="../../src/app/batchfileactions.cpp" line="+25" />
        <source>Batch file refused</source>
        <translation>일괄 작업 파일 거부됨</translation>
    </message>
    <message numerus="yes">
        <location line="+19" />
        <source>Running %n job(s) from %1</source>
        <translation><numerusform>%1의 작업 %n개 실행 중</numerusform></translation>
    </message>
    <message>
        <location line="+16" />
        <source>Save failed</source>
        <translation>저장 실패</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The batch file was not saved: %1</source>
        <translation>일괄 작업 파일을 저장하지 못했습니다: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>Saved %n job(s) to %1</source>
        <translation><numerusform>작업 %n개를 %1에 저장했습니다</numerusform></translation>
    </message>
    <message>
        <location line="+6" />
        <source>Open batch file in the background</source>
        <translation>일괄 작업 파일을 백그라운드에서 열기</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open batch file</source>
        <translation>일괄 작업 파일 열기</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Batch files (*.json);;All files (*)</source>
        <translation>일괄 작업 파일 (*.json);;모든 파일 (*)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Save jobs as batch file</source>
        <translation>작업을 일괄 작업 파일로 저장</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Batch files (*.json)</source>
        <translation>일괄 작업 파일 (*.json)</translation>
    </message>
</context>
<context>
    <name>procdeck::app::ColumnChooser</name>
    <message>
        <location filename="../../src/app/columnchooser.cpp" line="+79" />
        <source>Show the columns that fit</source>
        <translation>들어가는 열만 보이기</translation>
    </message>
</context>
<context>
    <name>procdeck::app::CommandLineRun</name>
    <message>
        <location filename="../../src/app/commandlinerun.cpp" line="+99" />
        <source>The engine did not take the jobs (%1): they run in this window</source>
        <translation>엔진이 작업을 받지 않았습니다(%1): 이 창에서 실행합니다</translation>
    </message>
    <message>
        <location line="+55" />
        <source>Wrote %1</source>
        <translation>%1 기록함</translation>
    </message>
</context>
<context>
    <name>procdeck::app::EngineLaunches</name>
    <message>
        <location filename="../../src/app/enginelaunches.cpp" line="+99" />
        <source>The jobs could not be sent to the background: %1</source>
        <translation>작업을 백그라운드로 보내지 못했습니다: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+21" />
        <source>%n job(s) sent to the background: %1</source>
        <translation><numerusform>작업 %n개를 백그라운드로 보냈습니다: %1</numerusform></translation>
    </message>
    <message>
        <location line="+85" />
        <source>The engine did not run them again: %1</source>
        <translation>엔진이 다시 실행하지 않았습니다: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n job(s) queued again in the engine: %1</source>
        <translation><numerusform>작업 %n개를 엔진에서 다시 대기열에 넣었습니다: %1</numerusform></translation>
    </message>
</context>
<context>
    <name>procdeck::app::EngineOutputView</name>
    <message>
        <location filename="../../src/app/engineoutputview.cpp" line="+26" />
        <source>Select a background job to see its output.</source>
        <translation>출력을 보려면 백그라운드 작업을 선택하세요.</translation>
    </message>
</context>
<context>
    <name>procdeck::app::EngineRestartOffer</name>
    <message>
        <location filename="../../src/app/enginerestartoffer.cpp" line="+23" />
        <source>Restart when idle</source>
        <translation>유휴 상태가 되면 다시 시작</translation>
    </message>
    <message>
        <location line="+40" />
        <source>A newer ProcDeck engine is installed (%3). The one running (pid %1) is from %2: restart it once its jobs have ended to use the new one.</source>
        <extracomment>%1: the engine's pid; %2, %3: dates and times of the two programs</extracomment>
        <translation>더 새로운 ProcDeck 엔진이 설치되어 있습니다 (%3). 실행 중인 엔진(pid %1)은 %2의 것입니다. 새 엔진을 쓰려면 작업이 끝난 뒤 다시 시작하세요.</translation>
    </message>
    <message>
        <location line="+27" />
        <source>The engine (pid %1) takes no more jobs and ends once its jobs have ended; a new one starts then.</source>
        <translation>엔진(pid %1)은 더 이상 작업을 받지 않으며 작업이 끝나면 종료됩니다. 그때 새 엔진이 시작됩니다.</translation>
    </message>
</context>
<context>
    <name>procdeck::app::ExportActions</name>
    <message>
        <location filename="../../src/app/exportactions.cpp" line="+35" />
        <source>Export run log</source>
        <translation>실행 기록 내보내기</translation>
    </message>
    <message>
        <location line="+1" />
        <source>JSON Lines (*.jsonl);;CSV for spreadsheets (*.csv);;GNU parallel joblog (*.joblog);;Report as text (*.txt);;Report as HTML (*.html)</source>
        <translation>JSON Lines (*.jsonl);;스프레드시트용 CSV (*.csv);;GNU parallel joblog (*.joblog);;텍스트 보고서 (*.txt);;HTML 보고서 (*.html)</translation>
    </message>
    <message>
        <location line="+41" />
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The run log was not written: %1</source>
        <translation>실행 기록을 쓰지 못했습니다: %1</translation>
    </message>
    <message numerus="yes">
        <location line="-3" />
        <source>Exported %n job(s) to %1</source>
        <translation><numerusform>작업 %n개를 %1(으)로 내보냈습니다</numerusform></translation>
    </message>
</context>
<context>
    <name>procdeck::app::HelpMenu</name>
    <message>
        <location filename="../../src/app/helpmenu.cpp" line="+18" />
        <source>ProcDeck &amp;Handbook</source>
        <translation>ProcDeck 사용 설명서(&amp;H)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Keyboard Shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <location line="+50" />
        <source>ProcDeck Handbook</source>
        <translation>ProcDeck 사용 설명서</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Action</source>
        <translation>동작</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Keys</source>
        <translation>키</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Keyboard Shortcuts</source>
        <translation>단축키</translation>
    </message>
</context>
<context>
    <name>procdeck::app::HistoryController</name>
    <message>
        <location filename="../../src/app/historycontroller.cpp" line="+22" />
        <source>The history cannot be written (%1). Nothing is lost: the jobs' rows are kept and written as soon as the database can be.</source>
        <translation>기록을 저장할 수 없습니다 (%1). 잃어버리는 것은 없습니다: 작업 행을 보관해 두었다가 데이터베이스가 허락하는 대로 저장합니다.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The history caught up: every job is recorded.</source>
        <translation>기록이 따라잡았습니다: 모든 작업이 저장되었습니다.</translation>
    </message>
    <message>
        <location line="+17" />
        <source>History is off: %1</source>
        <translation>기록 꺼짐: %1</translation>
    </message>
    <message>
        <location line="+6" />
        <source>History database replaced</source>
        <translation>기록 데이터베이스를 새로 만듦</translation>
    </message>
    <message>
        <location line="+43" />
        <source>Not run again: it ran on %1, which is no longer among the SSH hosts in Preferences. Add it there to run it there again.</source>
        <translation>다시 실행하지 않았습니다: %1에서 실행된 작업인데, 그 호스트가 환경설정의 SSH 호스트 목록에 더 이상 없습니다. 그곳에서 다시 실행하려면 환경설정에 추가하세요.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Not run again: it ran on the Slurm cluster, and the Slurm arguments in Preferences do not read.</source>
        <translation>다시 실행하지 않았습니다: Slurm 클러스터에서 실행된 작업인데, 환경설정의 Slurm 인자를 읽을 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>procdeck::app::HistoryDialog</name>
    <message>
        <location filename="../../src/app/historydialog.cpp" line="+49" />
        <location line="+22" />
        <source>Interrupted</source>
        <extracomment>a job whose ProcDeck ended (crashed, was killed) while it ran</extracomment>
        <translation>중단됨</translation>
    </message>
    <message>
        <location line="-11" />
        <source>Started</source>
        <translation>시작 시각</translation>
    </message>
    <message>
        <location line="+0" />
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Exit</source>
        <translation>종료 상태</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Duration</source>
        <translation>걸린 시간</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Host</source>
        <translation>호스트</translation>
    </message>
    <message>
        <location line="+67" />
        <source>No history: the database could not be opened.</source>
        <translation>기록 없음: 데이터베이스를 열 수 없습니다.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Reading the history…</source>
        <translation>기록을 읽는 중…</translation>
    </message>
    <message>
        <location line="+35" />
        <source>%1, job %2</source>
        <extracomment>how a job in the history ran: "ssh", "slurm" (with its Slurm job id) or "local"</extracomment>
        <translation>%1, 작업 %2</translation>
    </message>
    <message numerus="yes">
        <location line="+30" />
        <source>%n job(s) shown · kept output takes %1</source>
        <translation><numerusform>작업 %n개 표시 · 보관한 출력 %1</numerusform></translation>
    </message>
    <message>
        <location line="+46" />
        <source>Output of %1</source>
        <translation>%1의 출력</translation>
    </message>
</context>
<context>
    <name>procdeck::app::JobActions</name>
    <message>
        <location filename="../../src/app/jobactions.cpp" line="+60" />
        <source>Kill bat&amp;ch</source>
        <translation>배치 강제 종료(&amp;C)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Kill the running jobs of the selected jobs' batches and cancel their queued ones</source>
        <translation>선택한 작업이 속한 배치의 실행 중인 작업을 강제 종료하고 대기 중인 작업을 취소합니다</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Job %1 runs on: %2</source>
        <extracomment>%1: the job's number; %2: what Slurm's scontrol answered</extracomment>
        <translation>작업 %1은(는) 계속 실행됩니다: %2</translation>
    </message>
    <message>
        <location line="+28" />
        <source>it waits for jobs of this window (Run after…)</source>
        <translation>이 창의 작업을 기다립니다 (다음 작업 뒤에 실행…)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Runs in this window, not in the background: %1</source>
        <translation>백그라운드가 아닌 이 창에서 실행합니다: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+66" />
        <source>Kill %n running job(s) with their process trees (SIGTERM, then SIGKILL after the grace period).</source>
        <translation><numerusform>실행 중인 작업 %n개를 프로세스 트리와 함께 종료합니다 (SIGTERM, 유예 시간 뒤 SIGKILL).</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>Cancel %n queued job(s).</source>
        <translation><numerusform>대기 중인 작업 %n개를 취소합니다.</numerusform></translation>
    </message>
    <message>
        <location line="+2" />
        <source>Kill all jobs?</source>
        <translation>모든 작업을 종료할까요?</translation>
    </message>
    <message numerus="yes">
        <location line="+32" />
        <source>Kill %n batch(es)?</source>
        <extracomment>%1: batch numbers, such as "2" or "2, 5"</extracomment>
        <translation>
            <numerusform>배치 %n개를 강제 종료할까요?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1" />
        <source>Kill the running jobs of batch %1 with their process trees (SIGTERM, then SIGKILL after the grace period) and cancel its queued jobs.</source>
        <translation>배치 %1의 실행 중인 작업을 프로세스 트리와 함께 강제 종료하고(SIGTERM, 유예 시간 뒤 SIGKILL) 대기 중인 작업을 취소합니다.</translation>
    </message>
    <message numerus="yes">
        <location line="+17" />
        <source>Removed %n ended job(s)</source>
        <translation><numerusform>끝난 작업 %n개를 지웠습니다</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>, %n of them failed, killed or cancelled.</source>
        <translation><numerusform>, 그중 %n개는 실패·강제 종료·취소된 작업입니다.</numerusform></translation>
    </message>
    <message>
        <location line="+19" />
        <source>Copy command</source>
        <translation>명령 복사</translation>
    </message>
</context>
<context>
    <name>procdeck::app::JobItemDelegate</name>
    <message>
        <location filename="../../src/app/jobitemdelegate.cpp" line="+334" />
        <source>ProcDeck: %1</source>
        <translation>ProcDeck: %1</translation>
    </message>
</context>
<context>
    <name>procdeck::app::JobTablePanel</name>
    <message>
        <location filename="../../src/app/jobtablepanel.cpp" line="+32" />
        <source>All jobs</source>
        <translation>모든 작업</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Active (running or queued)</source>
        <translation>활성 (실행 중 또는 대기)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Paused</source>
        <translation>일시 정지됨</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Queued</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Succeeded</source>
        <translation>성공</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Failed (any kind)</source>
        <translation>실패 (모든 종류)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Timed out</source>
        <translation>시간 초과</translation>
    </message>
    <message numerus="yes">
        <location line="+20" />
        <source>Searching the complete output of %n job(s) (%1)…</source>
        <translation>
            <numerusform>작업 %n개의 전체 출력(%1)을 찾는 중…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6" />
        <source>Searching the complete output: %1 %</source>
        <translation>전체 출력을 찾는 중: %1 %</translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>Complete output searched (%n job(s) on disk).</source>
        <translation>
            <numerusform>전체 출력을 찾았습니다 (디스크의 작업 %n개).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n job(s)' complete output is gone: only their last lines were searched.</source>
        <translation>
            <numerusform>작업 %n개의 전체 출력 파일이 없습니다: 마지막 줄들만 찾았습니다.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12" />
        <source>&lt;p&gt;&lt;b&gt;No jobs yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;&lt;b&gt;New job&lt;/b&gt; (Ctrl+N) runs one command; &lt;b&gt;New batch&lt;/b&gt; (Ctrl+B) runs a template over many values in parallel.&lt;br&gt;Each job's output, CPU and memory show below.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;아직 작업이 없습니다.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;&lt;b&gt;새 작업&lt;/b&gt;(Ctrl+N)은 명령 하나를, &lt;b&gt;새 일괄 작업&lt;/b&gt;(Ctrl+B)은 템플릿을 여러 값으로 병렬 실행합니다.&lt;br&gt;각 작업의 출력, CPU, 메모리는 아래에 표시됩니다.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>procdeck::app::KeptOutputDialog</name>
    <message>
        <location filename="../../src/app/keptoutputdialog.cpp" line="+28" />
        <source>Reading the kept output…</source>
        <translation>보관된 출력을 읽는 중…</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Standard output</source>
        <translation>표준 출력</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Standard error</source>
        <translation>표준 오류</translation>
    </message>
    <message>
        <location line="+42" />
        <source>Some of its kept output is gone (removed by the history's retention, or by hand).</source>
        <translation>보관된 출력 일부가 없습니다 (기록 보관 기간이 지나 지워졌거나 직접 지웠습니다).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Only the last %1 of each stream are shown.</source>
        <translation>각 스트림의 마지막 %1만 보여 줍니다.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Its complete output, as it was kept.</source>
        <translation>보관된 그대로의 전체 출력입니다.</translation>
    </message>
</context>
<context>
    <name>procdeck::app::LaunchDialog</name>
    <message>
        <location filename="../../src/app/launchdialog.cpp" line="+27" />
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Working directory</source>
        <translation>작업 디렉터리</translation>
    </message>
    <message>
        <location line="+121" />
        <source>Enter a command to run.</source>
        <translation>실행할 명령을 입력하세요.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The command does not parse: %1</source>
        <translation>명령을 해석할 수 없습니다: %1</translation>
    </message>
    <message>
        <location line="+16" />
        <source>The working directory does not exist: %1</source>
        <translation>작업 디렉터리가 없습니다: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not a directory: %1</source>
        <translation>디렉터리가 아닙니다: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No permission to enter the working directory: %1</source>
        <translation>작업 디렉터리에 들어갈 권한이 없습니다: %1</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Program not found on PATH: %1</source>
        <translation>PATH에서 프로그램을 찾을 수 없습니다: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not an executable file: %1</source>
        <translation>실행 파일이 아닙니다: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Cannot read the standard input file: %1</source>
        <translation>표준 입력 파일을 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Run after: give job numbers from the table's # column, such as 3, 5.</source>
        <translation>다음 작업 뒤에 실행: 표의 # 열에 있는 작업 번호를 3, 5처럼 적으세요.</translation>
    </message>
    <message>
        <location line="-26" />
        <source>An environment variable's name cannot contain '=': %1</source>
        <translation>환경 변수 이름에는 '='를 쓸 수 없습니다: %1</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Unknown encoding: %1</source>
        <translation>알 수 없는 인코딩: %1</translation>
    </message>
</context>
<context>
    <name>procdeck::app::MainWindow</name>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="+78" />
        <source>CPU &amp;&amp; memory</source>
        <translation>CPU와 메모리</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Processes</source>
        <translation>프로세스</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Timeline</source>
        <translation>타임라인</translation>
    </message>
    <message>
        <location line="+131" />
        <source>About ProcDeck</source>
        <translation>ProcDeck 정보</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&lt;h3&gt;ProcDeck %1&lt;/h3&gt;&lt;p&gt;A process monitor and parallel job runner: Python's &lt;code&gt;subprocess&lt;/code&gt; on a screen.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ProcDeck %1&lt;/h3&gt;&lt;p&gt;프로세스 모니터이자 병렬 작업 실행기: 화면 위의 파이썬 &lt;code&gt;subprocess&lt;/code&gt;.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <location line="+73" />
        <source>Batch %1 runs at most %n job(s) at once (the toolbar's Parallel is %2)</source>
        <translation><numerusform>일괄 작업 %1은(는) 한 번에 최대 %n개씩 실행합니다 (도구 모음의 병렬 수는 %2)</numerusform></translation>
    </message>
    <message>
        <source>Batch %1 runs at most %2 jobs at once (the toolbar's Parallel is %3)</source>
        <translation type="vanished">일괄 작업 %1은(는) 한 번에 최대 %2개씩 실행합니다 (도구 모음의 병렬 수는 %3)</translation>
    </message>
    <message>
        <source>Parallel is now %1 (was %2), as batch %3 asked</source>
        <translation type="vanished">동시 실행 수: %1 (전에는 %2, 일괄 작업 %3의 설정)</translation>
    </message>
</context>
<context>
    <name>procdeck::app::Notifier</name>
    <message numerus="yes">
        <source>Batch ended: %n job(s) failed</source>
        <translation><numerusform>일괄 작업 끝: 작업 %n개 실패</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Batch done: all %n job(s) succeeded</source>
        <translation><numerusform>일괄 작업 완료: 작업 %n개 모두 성공</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) · %1 s of work in %2 s</source>
        <translation><numerusform>작업 %n개 · 작업 시간 %1초를 %2초 만에</numerusform></translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <location filename="../../src/app/notifier.cpp" line="+89" />
        <source>Show</source>
        <translation>보기</translation>
    </message>
</context>
<context>
    <name>procdeck::app::OutputView</name>
    <message>
        <location filename="../../src/app/outputview.cpp" line="+100" />
        <source>Find (Ctrl+F)</source>
        <translation>찾기 (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Encoding:</source>
        <translation>인코딩(&amp;E):</translation>
    </message>
    <message>
        <location line="+4" />
        <location line="+130" />
        <source>Decode the kept bytes in another encoding</source>
        <translation>보관한 바이트를 다른 인코딩으로 해석</translation>
    </message>
    <message>
        <location line="-125" />
        <source>Wrap</source>
        <translation>줄 바꿈</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Wrap long lines</source>
        <translation>긴 줄 바꿈</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Strip colours</source>
        <translation>색 없애기</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Show the output without terminal colours (exports keep them)</source>
        <translation>터미널 색 없이 출력을 표시 (내보내기에는 그대로 남음)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Copy the shown output (or the selection) to the clipboard</source>
        <translation>보이는 출력(또는 선택 부분)을 클립보드로 복사</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Open complete output</source>
        <translation>전체 출력 열기</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+207" />
        <source>Only the end of the output is kept in memory; open the whole file</source>
        <translation>메모리에는 출력의 끝부분만 있습니다. 전체 파일을 엽니다</translation>
    </message>
    <message>
        <location line="-170" />
        <source>Complete &amp;stdout</source>
        <translation>전체 stdout(&amp;S)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Complete std&amp;err</source>
        <translation>전체 stderr(&amp;E)</translation>
    </message>
    <message>
        <location line="+16" />
        <source>#%1  %2</source>
        <translation>#%1  %2</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No job selected</source>
        <translation>선택한 작업 없음</translation>
    </message>
    <message>
        <location line="+3" />
        <source>/bin/sh here is dash, whose printf knows no \x escapes: '\x41' prints as is. Write octal ('\101') or run the command with bash.</source>
        <translation>이 컴퓨터의 /bin/sh는 dash이고, dash의 printf는 \x 이스케이프를 모릅니다: '\x41'이 그대로 출력됩니다. 8진수('\101')로 쓰거나 bash로 실행하세요.</translation>
    </message>
    <message>
        <location line="+54" />
        <source>Unknown encoding: %1</source>
        <translation>알 수 없는 인코딩: %1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Unknown encoding '%1': choose another to see the output.</source>
        <translation>알 수 없는 인코딩 '%1': 출력을 보려면 다른 인코딩을 고르세요.</translation>
    </message>
    <message>
        <location line="+54" />
        <source>%1 ProcDeck: %2</source>
        <translation>%1 ProcDeck: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+15" />
        <source>%1 — %2, %n line(s)</source>
        <translation><numerusform>%1 — %2, %n줄</numerusform></translation>
    </message>
    <message>
        <location line="+3" />
        <source> (showing the last %1)</source>
        <translation> (마지막 %1 표시)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>stdout</source>
        <translation>stdout (표준 출력)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>terminal (stdout and stderr)</source>
        <translation>터미널 (stdout과 stderr)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>stderr — merged into the terminal's output above</source>
        <translation>stderr — 위의 터미널 출력에 합쳐짐</translation>
    </message>
    <message>
        <location line="+1" />
        <source>stderr</source>
        <translation>stderr (표준 오류)</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Open the whole output file in your text viewer</source>
        <translation>전체 출력 파일을 텍스트 뷰어로 열기</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Not found: %1</source>
        <translation>찾지 못함: %1</translation>
    </message>
    <message>
        <location line="+14" />
        <source>The complete output was not kept in a file: only what is shown here exists.</source>
        <translation>전체 출력이 파일로 보관되지 않았습니다. 여기 보이는 것이 전부입니다.</translation>
    </message>
    <message>
        <location line="+18" />
        <source>No program here opens text files. The complete output is in %1 (the path is copied).</source>
        <translation>텍스트 파일을 열 프로그램이 없습니다. 전체 출력은 %1에 있습니다 (경로를 복사했습니다).</translation>
    </message>
</context>
<context>
    <name>procdeck::app::PreferencesDialog</name>
    <message>
        <location filename="../../src/app/preferencesdialog.cpp" line="+24" />
        <source>One per CPU core (%1 at once)</source>
        <extracomment>the default when 0: as many jobs at once as the computer has CPU cores</extracomment>
        <translation>CPU 코어마다 하나 (동시에 %1개)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>How many jobs run at the same time when a batch does not say; the others wait in the queue. The lowest setting runs one per CPU core of this computer (%1).</source>
        <translation>일괄 작업이 따로 정하지 않을 때 동시에 실행할 작업 수입니다. 나머지는 대기열에서 기다립니다. 가장 낮은 설정은 이 컴퓨터의 CPU 코어마다 하나씩(%1개) 실행합니다.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>A job asked to stop (SIGTERM) gets this long to end on its own before it is killed (SIGKILL)</source>
        <translation>중지 요청(SIGTERM)을 받은 작업이 강제 종료(SIGKILL)되기 전에 스스로 끝낼 수 있는 시간</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The last part of each job's output kept in memory for the window; the complete output is kept on disk</source>
        <translation>창에 보여 주려고 메모리에 보관하는 각 작업 출력의 마지막 부분. 전체 출력은 디스크에 보관합니다</translation>
    </message>
    <message>
        <location line="+10" />
        <source>A running job whose processes used no CPU and read or wrote nothing this long shows a moon in its state, and says where its processes wait</source>
        <translation>실행 중인 작업의 프로세스가 이만큼 CPU를 쓰지 않고 아무것도 읽거나 쓰지 않으면 상태 칸에 달이 표시되고, 프로세스가 어디서 대기하는지 알려 줍니다</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Older jobs leave the history, and their kept output files are deleted</source>
        <translation>오래된 작업은 기록에서 지워지고, 보관한 출력 파일도 삭제됩니다</translation>
    </message>
    <message>
        <location line="+3" />
        <source>one login a line, as GNU parallel's -S:
4/ssh -p 2222 me@build1
2/build2
:  (this computer)</source>
        <extracomment>GNU parallel's --sshlogin syntax; keep the examples as they are</extracomment>
        <translation>한 줄에 로그인 하나, GNU parallel의 -S와 같이:
4/ssh -p 2222 me@build1
2/build2
:  (이 컴퓨터)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>"Run on: SSH hosts" in the Launch and Batch forms: [N/][ssh command [options]] [user@]host, N jobs at once (default: the host's CPU count); ':' is this computer; # starts a comment</source>
        <translation>실행 및 일괄 작업 양식의 "실행 위치: SSH 호스트": [N/][ssh 명령 [옵션]] [user@]host, 동시에 N개 작업(기본값: 호스트의 CPU 수). ':'는 이 컴퓨터, #는 주석의 시작</translation>
    </message>
    <message>
        <location line="+5" />
        <source>given to srun, e.g. -p short --time=10 --mem=1G</source>
        <translation>srun에 전달됩니다. 예: -p short --time=10 --mem=1G</translation>
    </message>
    <message>
        <location line="+1" />
        <source>"Run on: Slurm cluster": each job is one srun with these arguments, on the cluster SLURM_CONF (or the default) names</source>
        <translation>"실행 위치: Slurm 클러스터": 각 작업은 이 인수로 실행되는 srun 하나이며, SLURM_CONF(또는 기본값)가 가리키는 클러스터에서 실행됩니다</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Unknown encoding: %1</source>
        <translation>알 수 없는 인코딩: %1</translation>
    </message>
</context>
<context>
    <name>procdeck::app::PriorityDialog</name>
    <message>
        <location filename="../../src/app/prioritydialog.cpp" line="+21" />
        <source>The priority of %1, which runs at niceness %2 now.</source>
        <extracomment>%1: "job 3" or "4 jobs"; %2: its niceness now</extracomment>
        <translation>%1의 우선순위입니다. 지금 나이스 값은 %2입니다.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Unchanged</source>
        <translation>바꾸지 않음</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Best effort</source>
        <translation>최선 노력(best effort)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Idle (only when the disk is free)</source>
        <extracomment>the I/O class: disk time only when no other program wants it</extracomment>
        <translation>유휴 (디스크가 비어 있을 때만)</translation>
    </message>
</context>
<context>
    <name>procdeck::app::ProcessesPanel</name>
    <message>
        <location filename="../../src/app/processespanel.cpp" line="+85" />
        <source>Copy Command Line</source>
        <translation>명령줄 복사</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Send Signal…</source>
        <translation>시그널 보내기…</translation>
    </message>
    <message>
        <location line="+32" />
        <source>process %1 (%2)</source>
        <extracomment>%1: a pid; %2: its command line</extracomment>
        <translation>프로세스 %1 (%2)</translation>
    </message>
    <message>
        <location line="+11" />
        <source>%1 sent to process %2</source>
        <extracomment>%1: SIGUSR1 or another signal's name; %2: a pid</extracomment>
        <translation>%1을(를) 프로세스 %2에 보냈습니다</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Signal not sent: %1</source>
        <translation>시그널을 보내지 못함: %1</translation>
    </message>
    <message>
        <location line="+51" />
        <source>Select a job to see its processes.</source>
        <translation>작업을 선택하면 그 프로세스가 보입니다.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n process(es)</source>
        <translation><numerusform>프로세스 %n개</numerusform></translation>
    </message>
    <message>
        <location line="+1" />
        <source>ended: its processes are gone</source>
        <translation>끝남: 프로세스가 모두 사라졌습니다</translation>
    </message>
</context>
<context>
    <name>procdeck::app::QuitController</name>
    <message>
        <location filename="../../src/app/quitcontroller.cpp" line="+34" />
        <source>&amp;Kill now</source>
        <translation>지금 강제 종료(&amp;K)</translation>
    </message>
    <message numerus="yes">
        <location line="+54" />
        <source>Killing %n job(s) with SIGKILL…</source>
        <translation><numerusform>작업 %n개를 SIGKILL로 종료하는 중…</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>Stopping %n job(s)… SIGKILL in %1 s</source>
        <extracomment>%1 is a count of seconds; the job count is in %n</extracomment>
        <translation><numerusform>작업 %n개를 멈추는 중… %1초 뒤 SIGKILL</numerusform></translation>
    </message>
    <message>
        <location line="+22" />
        <source>&amp;Keep running in the background</source>
        <translation>백그라운드에서 계속 실행(&amp;K)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Stop the jobs and quit</source>
        <translation>작업을 멈추고 끝내기(&amp;S)</translation>
    </message>
    <message numerus="yes">
        <location line="+21" />
        <source>Keep %n job(s) running in the background?</source>
        <extracomment>the question when closing the window; the answer "Keep running in the background"</extracomment>
        <translation><numerusform>작업 %n개를 백그라운드에서 계속 실행할까요?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n job(s) are still running.</source>
        <translation><numerusform>작업 %n개가 아직 실행 중입니다.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <location line="+25" />
        <source>%n queued job(s) will not start.</source>
        <translation><numerusform>대기 중인 작업 %n개는 시작되지 않습니다.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="-15" />
        <source>They go on running in the engine after the window closes; ProcDeck shows them again when it opens.</source>
        <extracomment>"They": the jobs the question counts (%n of them, plural forms)</extracomment>
        <translation><numerusform>창을 닫아도 엔진에서 계속 실행되며, ProcDeck을 다시 열면 다시 보입니다.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+7" />
        <source>The window's own %n job(s) stop either way: SIGTERM to each process tree, then SIGKILL after up to %1 s.</source>
        <translation><numerusform>창 자체의 작업 %n개는 어느 쪽이든 멈춥니다: 각 프로세스 트리에 SIGTERM을 보내고, 최대 %1초 뒤 SIGKILL을 보냅니다.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) shown here run in the engine.</source>
        <translation type="vanished">
            <numerusform>여기 보이는 작업 %n개가 엔진에서 실행 중입니다.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-54" />
        <source>Jobs are still running</source>
        <translation>작업이 아직 실행 중입니다</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) of this window run in the engine.</source>
        <translation type="vanished">
            <numerusform>이 창의 작업 %n개가 엔진에서 실행 중입니다.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+57" />
        <source>Quitting sends SIGTERM to each job's process tree, waits up to %1 s for them to end, then kills what is left with SIGKILL.</source>
        <translation>끝내면 각 작업의 프로세스 트리에 SIGTERM을 보내고, 끝나기를 최대 %1초 기다린 뒤 남은 것을 SIGKILL로 종료합니다.</translation>
    </message>
    <message numerus="yes">
        <source>Keep running in the background closes the window and leaves the engine's %n job(s) running: ProcDeck shows them again when it opens. Stop the jobs and quit ends them too.</source>
        <translation type="vanished">
            <numerusform>백그라운드에서 계속 실행은 창만 닫고 엔진의 작업 %n개는 계속 실행합니다: ProcDeck을 다시 열면 다시 보입니다. 작업을 멈추고 끝내기는 그 작업들도 끝냅니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>The %n job(s) in the Background tab run on in the engine either way.</source>
        <translation><numerusform>백그라운드 탭의 작업 %n개는 어느 쪽이든 엔진에서 계속 실행됩니다.</numerusform></translation>
    </message>
    <message>
        <location line="-55" />
        <source>&amp;Stop jobs and quit</source>
        <translation>작업을 멈추고 끝내기(&amp;S)</translation>
    </message>
</context>
<context>
    <name>procdeck::app::RunOnChoice</name>
    <message>
        <location filename="../../src/app/runonchoice.cpp" line="+35" />
        <source>This computer</source>
        <translation>이 컴퓨터</translation>
    </message>
    <message>
        <location line="+1" />
        <source>SSH hosts</source>
        <translation>SSH 호스트</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Slurm cluster</source>
        <translation>Slurm 클러스터</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Slurm cluster — one allocation for the batch</source>
        <extracomment>Run on: salloc asks Slurm for one allocation; every job runs as a step in it</extracomment>
        <translation>Slurm 클러스터 — 일괄 작업 전체에 할당 하나</translation>
    </message>
    <message>
        <location line="+1" />
        <source>salloc arguments, such as -n 8 --time=30</source>
        <translation>salloc 인자 (예: -n 8 --time=30)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>What salloc is given to ask for the allocation: the jobs run as its steps, and it is given back when the batch ends</source>
        <translation>할당을 요청할 때 salloc에 넘기는 인자: 작업은 그 할당의 스텝으로 실행되고, 일괄 작업이 끝나면 할당을 반납합니다</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Where the jobs run: here, on the ssh logins, or through srun on the Slurm cluster (logins and Slurm arguments: Edit → Preferences)</source>
        <translation>작업을 실행할 곳: 이 컴퓨터, ssh 로그인, 또는 Slurm 클러스터의 srun (로그인과 Slurm 인수: 편집 → 환경 설정)</translation>
    </message>
    <message>
        <location line="+54" />
        <source>Run on: %1</source>
        <translation>실행 위치: %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>salloc arguments: %1</source>
        <translation>salloc 인자: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Run on: give salloc's arguments for the allocation, such as -n 8 --time=30</source>
        <translation>실행 위치: 할당에 쓸 salloc 인자를 입력하세요 (예: -n 8 --time=30)</translation>
    </message>
    <message>
        <location line="+13" />
        <source>this computer</source>
        <translation>이 컴퓨터</translation>
    </message>
    <message>
        <location line="+4" />
        <source>its jobs as srun steps</source>
        <extracomment>what the jobs are in the allocation salloc gives</extracomment>
        <translation>작업은 srun 스텝으로 실행</translation>
    </message>
    <message>
        <location line="+1" />
        <source>its jobs as srun %1 steps</source>
        <translation>작업은 srun %1 스텝으로 실행</translation>
    </message>
    <message>
        <location line="+4" />
        <source>srun with the cluster's defaults</source>
        <extracomment>what srun is given; "defaults" when Preferences set no Slurm arguments</extracomment>
        <translation>클러스터 기본값으로 srun</translation>
    </message>
    <message>
        <location line="+1" />
        <source>srun %1</source>
        <translation>srun %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The cluster is not reachable: no %1</source>
        <extracomment>%1 is the missing file, such as /etc/slurm/slurm.conf</extracomment>
        <translation>클러스터에 연결할 수 없습니다: %1 파일이 없습니다</translation>
    </message>
</context>
<context>
    <name>procdeck::app::SignalDialog</name>
    <message>
        <location filename="../../src/app/signaldialog.cpp" line="+26" />
        <source>The signal goes to every process of %1: its process group and the processes that left it.</source>
        <extracomment>%1: "job 3" or "4 jobs"</extracomment>
        <translation>시그널은 %1의 모든 프로세스, 곧 프로세스 그룹과 그룹을 벗어난 프로세스에 갑니다.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Another signal by number</source>
        <translation>번호로 다른 시그널</translation>
    </message>
    <message>
        <location line="+32" />
        <source>Many daemons reload their settings on it; others end.</source>
        <translation>많은 데몬은 이 시그널에 설정을 다시 읽고, 다른 프로그램은 끝납니다.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>As Ctrl+C at a terminal.</source>
        <translation>터미널의 Ctrl+C와 같습니다.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>As Ctrl+\ at a terminal: ends it, often with a core dump.</source>
        <translation>터미널의 Ctrl+\와 같습니다. 흔히 코어 덤프를 남기고 끝납니다.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Asks it to end; it may clean up first.</source>
        <translation>끝내라고 요청합니다. 먼저 정리할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Ends it at once; it cannot clean up.</source>
        <translation>즉시 끝냅니다. 정리할 수 없습니다.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Means what the program says (dd prints its progress on SIGUSR1); a program that does not handle it ends.</source>
        <translation>뜻은 프로그램마다 다릅니다 (dd는 SIGUSR1에 진행 상황을 출력합니다). 처리하지 않는 프로그램은 끝납니다.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Stops it: the job is Paused until SIGCONT or Resume.</source>
        <translation>멈춥니다. SIGCONT나 재개 전까지 작업은 일시 정지 상태입니다.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Continues a stopped job: a paused one runs again.</source>
        <translation>멈춘 작업을 계속합니다. 일시 정지한 작업이 다시 실행됩니다.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Says the terminal's size changed; most programs ignore it.</source>
        <translation>터미널 크기가 바뀌었다고 알립니다. 대부분의 프로그램은 무시합니다.</translation>
    </message>
</context>
<context>
    <name>procdeck::app::StatusSummary</name>
    <message numerus="yes">
        <location filename="../../src/app/statussummary.cpp" line="+80" />
        <source>%n job(s) · %1 s of work in %2 s (×%3)</source>
        <extracomment>a batch's figures: jobs, total job time, wall time and the speed-up of running them in parallel</extracomment>
        <translation><numerusform>작업 %n개 · %1초 분량을 %2초에 (×%3)</numerusform></translation>
    </message>
    <message>
        <location line="+43" />
        <source>Running %1 · Queued %2 · Finished %3 · Failed %4</source>
        <translation>실행 중 %1 · 대기 %2 · 완료 %3 · 실패 %4</translation>
    </message>
    <message>
        <location line="+17" />
        <source>%1 %2/%3</source>
        <extracomment>busy job slots of one ssh host: "build1 2/4" (":" is this computer)</extracomment>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <location line="-11" />
        <source>Running %1 · Paused %2 · Queued %3 · Finished %4 · Failed %5</source>
        <translation>실행 중 %1 · 일시 정지 %2 · 대기 %3 · 완료 %4 · 실패 %5</translation>
    </message>
</context>
<context>
    <name>procdeck::app::SteeringControls</name>
    <message>
        <location filename="../../src/app/steeringcontrols.cpp" line="+54" />
        <source>&amp;Dismiss</source>
        <translation>닫기(&amp;D)</translation>
    </message>
    <message>
        <location line="+10" />
        <source>At most this many jobs run at once, here and in the background engine (every window shows the same number); a change takes effect at once, also while a batch runs</source>
        <translation>한 번에 실행하는 작업의 최대 개수 (이 창과 백그라운드 엔진 모두: 모든 창에 같은 값이 보입니다). 바꾸면 배치가 실행 중이어도 바로 적용됩니다</translation>
    </message>
    <message>
        <location line="+26" />
        <source>&amp;Pause</source>
        <translation>일시 정지(&amp;P)</translation>
    </message>
    <message>
        <source>Pause the selected jobs' whole process trees (SIGSTOP); their timeouts wait too (Ctrl+P)</source>
        <translation type="vanished">선택한 작업의 프로세스 트리 전체를 일시 정지합니다(SIGSTOP). 제한 시간도 함께 멈춥니다 (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Res&amp;ume</source>
        <translation>재개(&amp;U)</translation>
    </message>
    <message>
        <source>Resume the selected paused jobs (SIGCONT) (Ctrl+Shift+P)</source>
        <translation type="vanished">선택한 일시 정지된 작업을 재개합니다(SIGCONT) (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location line="-4" />
        <source>Pause the selected jobs' whole process trees (SIGSTOP; a Slurm job: scontrol suspend); their timeouts wait too (Ctrl+P)</source>
        <translation>선택한 작업의 프로세스 트리 전체를 일시 정지합니다(SIGSTOP, Slurm 작업은 scontrol suspend). 제한 시간도 함께 멈춥니다 (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Resume the selected paused jobs (SIGCONT; a Slurm job: scontrol resume) (Ctrl+Shift+P)</source>
        <translation>선택한 일시 정지된 작업을 재개합니다(SIGCONT, Slurm 작업은 scontrol resume) (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Pause &amp;batch</source>
        <translation>배치 일시 정지(&amp;B)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pause the running jobs of the selected jobs' batches and start none of their queued ones</source>
        <translation>선택한 작업이 속한 배치의 실행 중인 작업을 일시 정지하고, 대기 중인 작업은 시작하지 않습니다</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Resume ba&amp;tch</source>
        <translation>배치 재개(&amp;T)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Resume the selected jobs' batches</source>
        <translation>선택한 작업이 속한 배치를 재개합니다</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Pause &amp;queue</source>
        <translation>대기열 일시 정지(&amp;Q)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Start no new job; running jobs go on</source>
        <translation>새 작업을 시작하지 않습니다. 실행 중인 작업은 계속됩니다</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Move to &amp;top of queue</source>
        <translation>대기열 맨 위로(&amp;T)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The selected queued jobs start next (or drag them in the table)</source>
        <translation>선택한 대기 작업을 다음에 시작합니다 (표에서 끌어 옮겨도 됩니다)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Move to b&amp;ottom of queue</source>
        <translation>대기열 맨 아래로(&amp;O)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The selected queued jobs start last</source>
        <translation>선택한 대기 작업을 마지막에 시작합니다</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Run &amp;after…</source>
        <translation>다음 작업 뒤에 실행(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Launch a job that waits until the selected jobs have ended</source>
        <translation>선택한 작업이 끝날 때까지 기다리는 작업을 실행합니다</translation>
    </message>
    <message>
        <source>At most this many jobs run at once; a change takes effect at once, also while a batch runs</source>
        <translation type="vanished">한 번에 실행하는 작업의 최대 개수. 바꾸면 배치가 실행 중이어도 바로 적용됩니다</translation>
    </message>
    <message>
        <location line="+48" />
        <source>Parallel:</source>
        <translation>동시 실행:</translation>
    </message>
    <message>
        <location line="+55" />
        <source>Batch %1 %2.</source>
        <extracomment>%1 is the batch's number, %2 GNU parallel-style words such as "halted: 1 job(s) failed (--halt now,fail=1); …"</extracomment>
        <translation>배치 %1: %2.</translation>
    </message>
</context>
<context>
    <name>procdeck::app::TimelineView</name>
    <message>
        <location filename="../../src/app/timelineview.cpp" line="+234" />
        <source>Run a batch to see its jobs over time.</source>
        <translation>일괄 작업을 실행하면 시간에 따른 작업이 보입니다.</translation>
    </message>
    <message>
        <location line="+153" />
        <source>#%1 %2
%3 · %4</source>
        <translation>#%1 %2
%3 · %4</translation>
    </message>
</context>
<context>
    <name>procdeck::app::TreeActions</name>
    <message>
        <location filename="../../src/app/treeactions.cpp" line="+22" />
        <source>job %1</source>
        <translation>작업 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n job(s)</source>
        <translation><numerusform>작업 %n개</numerusform></translation>
    </message>
    <message>
        <location line="+8" />
        <source>Send si&amp;gnal…</source>
        <translation>시그널 보내기(&amp;G)…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Send a signal (HUP, USR1, …) to the selected jobs' process trees</source>
        <translation>선택한 작업의 프로세스 트리에 시그널(HUP, USR1, …)을 보냅니다</translation>
    </message>
    <message>
        <location line="+3" />
        <source>P&amp;riority…</source>
        <translation>우선순위(&amp;R)…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Change the niceness and disk priority of the selected jobs' process trees</source>
        <translation>선택한 작업의 프로세스 트리의 나이스 값과 디스크 우선순위를 바꿉니다</translation>
    </message>
    <message>
        <location line="+48" />
        <source>Signal not sent</source>
        <translation>시그널을 보내지 못함</translation>
    </message>
    <message>
        <location line="+5" />
        <source>%1 sent to %2</source>
        <extracomment>%1: SIGUSR1 or another signal's name; %2: "job 3" or "4 jobs"</extracomment>
        <translation>%2에 %1을(를) 보냄</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Priority not changed</source>
        <translation>우선순위를 바꾸지 못함</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Niceness %1 set for %2</source>
        <extracomment>%1: a niceness (-20 to 19); %2: "job 3" or "4 jobs"</extracomment>
        <translation>%2의 nice 값을 %1(으)로 설정했습니다</translation>
    </message>
</context>
<context>
    <name>procdeck::app::UsageChart</name>
    <message>
        <location filename="../../src/app/usagechart.cpp" line="+97" />
        <source>#%1  %2  —  %3</source>
        <translation>#%1  %2  —  %3</translation>
    </message>
    <message>
        <location line="+2" />
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <location line="+0" />
        <source>ended · its last figures</source>
        <translation>끝남 · 마지막 수치</translation>
    </message>
    <message>
        <location line="+20" />
        <source>No samples yet: CPU and memory are read every %1 s while a job runs.</source>
        <translation>아직 표본 없음: 작업이 실행되는 동안 %1초마다 CPU와 메모리를 읽습니다.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Select a job to see its CPU and memory over time.</source>
        <translation>작업을 선택하면 시간에 따른 CPU와 메모리가 보입니다.</translation>
    </message>
    <message numerus="yes">
        <location line="+24" />
        <source>CPU %1 % · %2 s in all · %n process(es)</source>
        <translation><numerusform>CPU %1 % · 모두 %2초 · 프로세스 %n개</numerusform></translation>
    </message>
    <message>
        <location line="+3" />
        <source>CPU %1 s in all</source>
        <translation>CPU 총 %1초</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Memory %1 · peak %2</source>
        <translation>메모리 %1 · 최대 %2</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Memory peak %1</source>
        <translation>메모리 최대 %1</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Storage I/O: not readable here</source>
        <translation>저장 장치 입출력: 여기서는 읽을 수 없음</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Read %1 · %2/s   Written %3 · %4/s</source>
        <extracomment>storage (disk) I/O of the job: bytes read and written, in all and now per second</extracomment>
        <translation>읽기 %1 · %2/초   쓰기 %3 · %4/초</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Read %1   Written %2</source>
        <translation>읽기 %1   쓰기 %2</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1/s</source>
        <translation>%1/초</translation>
    </message>
</context>
</TS>