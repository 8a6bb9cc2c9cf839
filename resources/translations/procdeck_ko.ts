<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ko_KR">
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../../ui/batchdialog.ui" line="6" />
        <source>New batch</source>
        <translation>새 일괄 작업</translation>
    </message>
    <message>
        <location filename="../../ui/batchdialog.ui" line="12" />
        <source>&amp;Template:</source>
        <translation>템플릿(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../ui/batchdialog.ui" line="13" />
        <source>{} becomes each value, {#} the job's number</source>
        <translation>{}는 각 값으로, {#}는 작업 번호로 바뀝니다</translation>
    </message>
    <message>
        <location filename="../../ui/batchdialog.ui" line="14" />
        <source>Run through /bin/sh -c</source>
        <translation>/bin/sh -c로 실행</translation>
    </message>
    <message>
        <location filename="../../ui/batchdialog.ui" line="15" />
        <source>&amp;Range:</source>
        <translation>범위(&amp;R):</translation>
    </message>
    <message>
        <location filename="../../ui/batchdialog.ui" line="17" />
        <source>&amp;List:</source>
        <translation>목록(&amp;L):</translation>
    </message>
    <message>
        <location filename="../../ui/batchdialog.ui" line="19" />
        <source>F&amp;ile:</source>
        <translation>파일(&amp;I):</translation>
    </message>
    <message>
        <location filename="../../ui/batchdialog.ui" line="22" />
        <source>one value per line</source>
        <translation>한 줄에 값 하나</translation>
    </message>
    <message>
        <location filename="../../ui/batchdialog.ui" line="23" />
        <source>&amp;Browse…</source>
        <translation>찾아보기(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/batchdialog.ui" line="26" />
        <source>&amp;Max parallel:</source>
        <translation>최대 병렬 수(&amp;M):</translation>
    </message>
    <message>
        <location filename="../../ui/batchdialog.ui" line="28" />
        <source>&amp;Timeout:</source>
        <translation>제한 시간(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../ui/batchdialog.ui" line="31" />
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../ui/batchdialog.ui" line="31" />
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <location filename="../../ui/batchdialog.ui" line="32" />
        <source>then</source>
        <translation>초과하면</translation>
    </message>
    <message>
        <location filename="../../ui/batchdialog.ui" line="37" />
        <source>Output &amp;encoding:</source>
        <translation>출력 인코딩(&amp;E):</translation>
    </message>
    <message>
        <location filename="../../ui/batchdialog.ui" line="41" />
        <location filename="../../src/app/batchdialog.cpp" line="159" />
        <source>Preview</source>
        <translation>미리 보기</translation>
    </message>
    <message>
        <location filename="../../src/app/batchdialog.cpp" line="19" />
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/app/batchdialog.cpp" line="20" />
        <source>&amp;Save as batch file…</source>
        <translation>일괄 작업 파일로 저장(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../src/app/batchdialog.cpp" line="30" />
        <source>Values file</source>
        <translation>값 파일</translation>
    </message>
    <message>
        <location filename="../../src/app/batchdialog.cpp" line="70" />
        <source>Enter the values, separated by commas.</source>
        <translation>값을 쉼표로 구분해 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../src/app/batchdialog.cpp" line="79" />
        <source>Unknown encoding: %1</source>
        <translation>알 수 없는 인코딩: %1</translation>
    </message>
    <message>
        <location filename="../../src/app/batchdialog.cpp" line="85" />
        <source>There are no values: the batch would run nothing.</source>
        <translation>값이 없습니다. 실행할 작업이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../src/app/batchdialog.cpp" line="120" />
        <source>Save batch file</source>
        <translation>일괄 작업 파일 저장</translation>
    </message>
    <message>
        <location filename="../../src/app/batchdialog.cpp" line="121" />
        <source>Batch files (*.json)</source>
        <translation>일괄 작업 파일 (*.json)</translation>
    </message>
    <message>
        <location filename="../../src/app/batchdialog.cpp" line="126" />
        <source>Save failed</source>
        <translation>저장 실패</translation>
    </message>
    <message>
        <location filename="../../src/app/batchdialog.cpp" line="126" />
        <source>The batch file was not saved: %1</source>
        <translation>일괄 작업 파일을 저장하지 못했습니다: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/batchdialog.cpp" line="157" />
        <source>… and %n more</source>
        <translation><numerusform>… 외 %n개</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/batchdialog.cpp" line="159" />
        <source>Preview — %n job(s)</source>
        <translation><numerusform>미리 보기 — 작업 %n개</numerusform></translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../ui/historydialog.ui" line="6" />
        <source>History</source>
        <translation>기록</translation>
    </message>
    <message>
        <location filename="../../ui/historydialog.ui" line="10" />
        <source>Search earlier commands…</source>
        <translation>이전 명령 검색…</translation>
    </message>
    <message>
        <location filename="../../ui/historydialog.ui" line="28" />
        <source>&amp;Run again</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/app/historydialog.cpp" line="34" />
        <source>Interrupted</source>
        <extracomment>a job whose ProcDeck ended (crashed, was killed) while it ran</extracomment>
        <translation>중단됨</translation>
    </message>
    <message>
        <location filename="../../src/app/historydialog.cpp" line="44" />
        <source>Started</source>
        <translation>시작 시각</translation>
    </message>
    <message>
        <location filename="../../src/app/historydialog.cpp" line="44" />
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../src/app/historydialog.cpp" line="44" />
        <source>Exit</source>
        <translation>종료 상태</translation>
    </message>
    <message>
        <location filename="../../src/app/historydialog.cpp" line="44" />
        <source>Duration</source>
        <translation>걸린 시간</translation>
    </message>
    <message>
        <location filename="../../src/app/historydialog.cpp" line="44" />
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <location filename="../../src/app/historydialog.cpp" line="86" />
        <source>No history: the database could not be opened.</source>
        <translation>기록 없음: 데이터베이스를 열 수 없습니다.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/historydialog.cpp" line="111" />
        <source>%n job(s) shown · kept output takes %1</source>
        <translation><numerusform>작업 %n개 표시 · 보관한 출력 %1</numerusform></translation>
    </message>
</context>
<context>
    <name>LaunchDialog</name>
    <message>
        <location filename="../../ui/launchdialog.ui" line="6" />
        <source>Launch job</source>
        <translation>작업 실행</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="12" />
        <source>&amp;Command:</source>
        <translation>명령(&amp;C):</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="13" />
        <source>e.g. sleep 5; echo done</source>
        <translation>예: sleep 5; echo done</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="14" />
        <source>Run through /bin/sh -c (pipes, ;, &amp;&amp;, variables)</source>
        <translation>/bin/sh -c로 실행 (파이프, ;, &amp;&amp;, 변수)</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="15" />
        <source>&amp;Label:</source>
        <translation>이름(&amp;L):</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="16" />
        <source>optional, shown instead of the command</source>
        <translation>선택 사항, 명령 대신 표시됨</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="17" />
        <source>&amp;Working directory:</source>
        <translation>작업 디렉터리(&amp;W):</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="20" />
        <source>current directory</source>
        <translation>현재 디렉터리</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="21" />
        <source>&amp;Browse…</source>
        <translation>찾아보기(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="24" />
        <source>Output &amp;encoding:</source>
        <translation>출력 인코딩(&amp;E):</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="26" />
        <source>&amp;Timeout:</source>
        <translation>제한 시간(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="29" />
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="29" />
        <location filename="../../ui/launchdialog.ui" line="33" />
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="30" />
        <source>then</source>
        <translation>초과하면</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="32" />
        <source>&amp;grace:</source>
        <translation>유예(&amp;G):</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="37" />
        <source>En&amp;vironment:</source>
        <translation>환경 변수(&amp;V):</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="40" />
        <source>Variable</source>
        <translation>변수</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="40" />
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="43" />
        <source>&amp;Add</source>
        <translation>추가(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="44" />
        <source>&amp;Remove</source>
        <translation>삭제(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="50" />
        <source>Standard &amp;input:</source>
        <translation>표준 입력(&amp;I):</translation>
    </message>
    <message>
        <location filename="../../ui/launchdialog.ui" line="51" />
        <source>text given to the command on stdin (empty: none)</source>
        <translation>명령의 stdin으로 줄 텍스트 (비우면 없음)</translation>
    </message>
    <message>
        <location filename="../../src/app/launchdialog.cpp" line="22" />
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/app/launchdialog.cpp" line="34" />
        <source>Working directory</source>
        <translation>작업 디렉터리</translation>
    </message>
    <message>
        <location filename="../../src/app/launchdialog.cpp" line="124" />
        <source>Enter a command to run.</source>
        <translation>실행할 명령을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../src/app/launchdialog.cpp" line="129" />
        <source>The command does not parse: %1</source>
        <translation>명령을 해석할 수 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../../src/app/launchdialog.cpp" line="135" />
        <source>The working directory does not exist: %1</source>
        <translation>작업 디렉터리가 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../../src/app/launchdialog.cpp" line="137" />
        <source>Not a directory: %1</source>
        <translation>디렉터리가 아닙니다: %1</translation>
    </message>
    <message>
        <location filename="../../src/app/launchdialog.cpp" line="139" />
        <source>No permission to enter the working directory: %1</source>
        <translation>작업 디렉터리에 들어갈 권한이 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../../src/app/launchdialog.cpp" line="143" />
        <source>Program not found on PATH: %1</source>
        <translation>PATH에서 프로그램을 찾을 수 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../../src/app/launchdialog.cpp" line="147" />
        <source>Not an executable file: %1</source>
        <translation>실행 파일이 아닙니다: %1</translation>
    </message>
    <message>
        <location filename="../../src/app/launchdialog.cpp" line="152" />
        <source>An environment variable's name cannot contain '=': %1</source>
        <translation>환경 변수 이름에는 '='를 쓸 수 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../../src/app/launchdialog.cpp" line="155" />
        <source>Unknown encoding: %1</source>
        <translation>알 수 없는 인코딩: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.ui" line="6" />
        <source>ProcDeck</source>
        <translation>ProcDeck</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="15" />
        <source>Filter by command or output…</source>
        <translation>명령이나 출력으로 거르기…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="16" />
        <source>&amp;Show:</source>
        <translation>표시(&amp;S):</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="38" />
        <source>Output</source>
        <translation>출력</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="54" />
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="68" />
        <source>&amp;Jobs</source>
        <translation>작업(&amp;J)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="78" />
        <source>&amp;Settings</source>
        <translation>설정(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="82" />
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="91" />
        <source>Main toolbar</source>
        <translation>기본 도구 모음</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="108" />
        <source>&amp;New job…</source>
        <translation>새 작업(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="108" />
        <source>Launch one command (Ctrl+N)</source>
        <translation>명령 하나 실행 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="108" />
        <source>Ctrl+N</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="109" />
        <source>New &amp;batch…</source>
        <translation>새 일괄 작업(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="109" />
        <source>Run a template over many values in parallel (Ctrl+B)</source>
        <translation>템플릿을 여러 값으로 병렬 실행 (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="109" />
        <source>Ctrl+B</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="110" />
        <source>&amp;Run again</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="110" />
        <source>Run the selected jobs again (Ctrl+R)</source>
        <translation>선택한 작업을 다시 실행 (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="110" />
        <source>Ctrl+R</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="111" />
        <source>&amp;Kill</source>
        <translation>강제 종료(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="111" />
        <source>Kill the selected jobs' process trees (Del)</source>
        <translation>선택한 작업의 프로세스 트리를 종료 (Del)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="111" />
        <source>Del</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="112" />
        <source>Kill &amp;all</source>
        <translation>모두 종료(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="112" />
        <source>Kill every running job and cancel the queue (Ctrl+Shift+K)</source>
        <translation>실행 중인 작업을 모두 종료하고 대기열을 취소 (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="112" />
        <source>Ctrl+Shift+K</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="113" />
        <source>Remove &amp;finished</source>
        <translation>끝난 작업 지우기(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="113" />
        <source>Remove the jobs that have ended from the table (Ctrl+Shift+R)</source>
        <translation>끝난 작업을 표에서 지우기 (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="113" />
        <source>Ctrl+Shift+R</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="114" />
        <source>&amp;Export run log…</source>
        <translation>실행 기록 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="114" />
        <source>Save what ran as a run log (Ctrl+E)</source>
        <translation>실행한 내용을 실행 기록으로 저장 (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="114" />
        <source>Ctrl+E</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="115" />
        <source>&amp;Open batch file…</source>
        <translation>일괄 작업 파일 열기(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="115" />
        <source>Run the jobs of a batch file (Ctrl+O)</source>
        <translation>일괄 작업 파일의 작업 실행 (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="115" />
        <source>Ctrl+O</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="116" />
        <source>&amp;Save jobs as batch file…</source>
        <translation>작업을 일괄 작업 파일로 저장(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="116" />
        <source>Save the table's jobs as a batch file (Ctrl+S)</source>
        <translation>표의 작업을 일괄 작업 파일로 저장 (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="116" />
        <source>Ctrl+S</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="117" />
        <source>&amp;History…</source>
        <translation>기록(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="117" />
        <source>Earlier runs, with search and run again (Ctrl+H)</source>
        <translation>이전 실행 검색과 다시 실행 (Ctrl+H)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="117" />
        <source>Ctrl+H</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="118" />
        <source>Export &amp;selected jobs…</source>
        <translation>선택한 작업 내보내기(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="119" />
        <source>&amp;Preferences…</source>
        <translation>환경 설정(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="119" />
        <source>Timeouts and defaults (Ctrl+,)</source>
        <translation>제한 시간과 기본값 (Ctrl+,)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="119" />
        <source>Ctrl+,</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="120" />
        <source>&amp;Find in output</source>
        <translation>출력에서 찾기(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="120" />
        <source>Ctrl+F</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="121" />
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="121" />
        <source>Ctrl+Q</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/mainwindow.ui" line="122" />
        <source>&amp;About ProcDeck</source>
        <translation>ProcDeck 정보(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="58" />
        <source>CPU &amp;&amp; memory</source>
        <translation>CPU와 메모리</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="60" />
        <source>Timeline</source>
        <translation>타임라인</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowfiles.cpp" line="22" />
        <source>History is off: %1</source>
        <translation>기록 꺼짐: %1</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowfiles.cpp" line="28" />
        <source>History database replaced</source>
        <translation>기록 데이터베이스를 새로 만듦</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="125" />
        <source>All jobs</source>
        <translation>모든 작업</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="126" />
        <source>Active (running or queued)</source>
        <translation>활성 (실행 중 또는 대기)</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="127" />
        <source>Running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="128" />
        <source>Queued</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="129" />
        <source>Succeeded</source>
        <translation>성공</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="130" />
        <source>Failed (any kind)</source>
        <translation>실패 (모든 종류)</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="131" />
        <source>Timed out</source>
        <translation>시간 초과</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="157" />
        <source>Open batch file</source>
        <translation>일괄 작업 파일 열기</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="157" />
        <source>Batch files (*.json);;All files (*)</source>
        <translation>일괄 작업 파일 (*.json);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="162" />
        <source>Save jobs as batch file</source>
        <translation>작업을 일괄 작업 파일로 저장</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="163" />
        <source>Batch files (*.json)</source>
        <translation>일괄 작업 파일 (*.json)</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="170" />
        <source>About ProcDeck</source>
        <translation>ProcDeck 정보</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="171" />
        <source>&lt;h3&gt;ProcDeck %1&lt;/h3&gt;&lt;p&gt;A process monitor and parallel job runner: Python's &lt;code&gt;subprocess&lt;/code&gt; on a screen.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ProcDeck %1&lt;/h3&gt;&lt;p&gt;프로세스 모니터이자 병렬 작업 실행기: 화면 위의 파이썬 &lt;code&gt;subprocess&lt;/code&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="345" />
        <source>Kill all jobs?</source>
        <translation>모든 작업을 종료할까요?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/mainwindow.cpp" line="346" />
        <source>Kill %n running job(s) with their process trees</source>
        <translation><numerusform>실행 중인 작업 %n개를 프로세스 트리와 함께 종료하고</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/mainwindow.cpp" line="346" />
        <source> and cancel %n queued.</source>
        <translation><numerusform> 대기 중인 %n개를 취소합니다.</numerusform></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowfiles.cpp" line="59" />
        <source>Export run log</source>
        <translation>실행 기록 내보내기</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowfiles.cpp" line="60" />
        <source>JSON Lines (*.jsonl);;CSV for spreadsheets (*.csv);;GNU parallel joblog (*.joblog);;Report as text (*.txt);;Report as HTML (*.html)</source>
        <translation>JSON Lines (*.jsonl);;스프레드시트용 CSV (*.csv);;GNU parallel joblog (*.joblog);;텍스트 보고서 (*.txt);;HTML 보고서 (*.html)</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowfiles.cpp" line="88" />
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowfiles.cpp" line="88" />
        <source>The run log was not written: %1</source>
        <translation>실행 기록을 쓰지 못했습니다: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/mainwindowfiles.cpp" line="91" />
        <source>Exported %n job(s) to %1</source>
        <translation><numerusform>작업 %n개를 %1(으)로 내보냈습니다</numerusform></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowfiles.cpp" line="109" />
        <source>Batch file refused</source>
        <translation>일괄 작업 파일 거부됨</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/mainwindowfiles.cpp" line="113" />
        <source>Running %n job(s) from %1</source>
        <translation><numerusform>%1의 작업 %n개 실행 중</numerusform></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowfiles.cpp" line="129" />
        <source>Save failed</source>
        <translation>저장 실패</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindowfiles.cpp" line="129" />
        <source>The batch file was not saved: %1</source>
        <translation>일괄 작업 파일을 저장하지 못했습니다: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/mainwindowfiles.cpp" line="132" />
        <source>Saved %n job(s) to %1</source>
        <translation><numerusform>작업 %n개를 %1에 저장했습니다</numerusform></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="382" />
        <source>Copy command</source>
        <translation>명령 복사</translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="403" />
        <source>Jobs are still running</source>
        <translation>작업이 아직 실행 중입니다</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/mainwindow.cpp" line="404" />
        <source>%n job(s) are still running or queued. Quitting kills them with their process trees.</source>
        <translation><numerusform>작업 %n개가 아직 실행 중이거나 대기 중입니다. 끝내면 프로세스 트리와 함께 종료됩니다.</numerusform></translation>
    </message>
    <message>
        <location filename="../../src/app/mainwindow.cpp" line="407" />
        <source>&amp;Kill jobs and quit</source>
        <translation>작업 종료 후 끝내기(&amp;K)</translation>
    </message>
</context>
<context>
    <name>OutputView</name>
    <message>
        <location filename="../../src/app/outputview.cpp" line="62" />
        <location filename="../../src/app/outputview.cpp" line="145" />
        <source>No job selected</source>
        <translation>선택한 작업 없음</translation>
    </message>
    <message>
        <location filename="../../src/app/outputview.cpp" line="70" />
        <source>Find (Ctrl+F)</source>
        <translation>찾기 (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../src/app/outputview.cpp" line="75" />
        <source>&amp;Encoding:</source>
        <translation>인코딩(&amp;E):</translation>
    </message>
    <message>
        <location filename="../../src/app/outputview.cpp" line="79" />
        <location filename="../../src/app/outputview.cpp" line="184" />
        <source>Decode the kept bytes in another encoding</source>
        <translation>보관한 바이트를 다른 인코딩으로 해석</translation>
    </message>
    <message>
        <location filename="../../src/app/outputview.cpp" line="84" />
        <source>Wrap</source>
        <translation>줄 바꿈</translation>
    </message>
    <message>
        <location filename="../../src/app/outputview.cpp" line="84" />
        <source>Wrap long lines</source>
        <translation>긴 줄 바꿈</translation>
    </message>
    <message>
        <location filename="../../src/app/outputview.cpp" line="87" />
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location filename="../../src/app/outputview.cpp" line="87" />
        <source>Copy the shown output (or the selection) to the clipboard</source>
        <translation>보이는 출력(또는 선택 부분)을 클립보드로 복사</translation>
    </message>
    <message>
        <location filename="../../src/app/outputview.cpp" line="89" />
        <source>Open complete output</source>
        <translation>전체 출력 열기</translation>
    </message>
    <message>
        <location filename="../../src/app/outputview.cpp" line="89" />
        <source>Only the end of the output is kept in memory; open the whole file</source>
        <translation>메모리에는 출력의 끝부분만 있습니다. 전체 파일을 엽니다</translation>
    </message>
    <message>
        <location filename="../../src/app/outputview.cpp" line="145" />
        <source>#%1  %2</source>
        <translation>#%1  %2</translation>
    </message>
    <message>
        <location filename="../../src/app/outputview.cpp" line="185" />
        <source>Unknown encoding: %1</source>
        <translation>알 수 없는 인코딩: %1</translation>
    </message>
    <message>
        <location filename="../../src/app/outputview.cpp" line="188" />
        <source>Unknown encoding '%1': choose another to see the output.</source>
        <translation>알 수 없는 인코딩 '%1': 출력을 보려면 다른 인코딩을 고르세요.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/outputview.cpp" line="243" />
        <source>%1 — %2, %n line(s)</source>
        <translation><numerusform>%1 — %2, %n줄</numerusform></translation>
    </message>
    <message>
        <location filename="../../src/app/outputview.cpp" line="246" />
        <source> (showing the last %1)</source>
        <translation> (마지막 %1 표시)</translation>
    </message>
    <message>
        <location filename="../../src/app/outputview.cpp" line="249" />
        <source>stdout</source>
        <translation>stdout (표준 출력)</translation>
    </message>
    <message>
        <location filename="../../src/app/outputview.cpp" line="250" />
        <source>stderr</source>
        <translation>stderr (표준 오류)</translation>
    </message>
    <message>
        <location filename="../../src/app/outputview.cpp" line="275" />
        <source>Not found: %1</source>
        <translation>찾지 못함: %1</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../ui/preferencesdialog.ui" line="6" />
        <source>Timeouts &amp; defaults</source>
        <translation>제한 시간과 기본값</translation>
    </message>
    <message>
        <location filename="../../ui/preferencesdialog.ui" line="11" />
        <source>&amp;Max parallel jobs:</source>
        <translation>최대 병렬 작업 수(&amp;M):</translation>
    </message>
    <message>
        <location filename="../../ui/preferencesdialog.ui" line="13" />
        <source>Communicate &amp;timeout:</source>
        <translation>communicate 제한 시간(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../ui/preferencesdialog.ui" line="14" />
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../ui/preferencesdialog.ui" line="14" />
        <location filename="../../ui/preferencesdialog.ui" line="18" />
        <location filename="../../ui/preferencesdialog.ui" line="23" />
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <location filename="../../ui/preferencesdialog.ui" line="15" />
        <source>On &amp;timeout:</source>
        <translation>시간 초과 시(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../ui/preferencesdialog.ui" line="17" />
        <source>&amp;Grace before SIGKILL:</source>
        <translation>SIGKILL 전 유예(&amp;G):</translation>
    </message>
    <message>
        <location filename="../../ui/preferencesdialog.ui" line="19" />
        <source>Output &amp;encoding:</source>
        <translation>출력 인코딩(&amp;E):</translation>
    </message>
    <message>
        <location filename="../../ui/preferencesdialog.ui" line="21" />
        <source>Memory &amp;kept per output:</source>
        <translation>출력마다 보관할 메모리(&amp;K):</translation>
    </message>
    <message>
        <location filename="../../ui/preferencesdialog.ui" line="22" />
        <source>Read CPU and memory &amp;every:</source>
        <translation>CPU와 메모리 읽는 간격(&amp;E):</translation>
    </message>
    <message>
        <location filename="../../ui/preferencesdialog.ui" line="24" />
        <source>Keep history &amp;for:</source>
        <translation>기록 보관 기간(&amp;F):</translation>
    </message>
    <message>
        <location filename="../../ui/preferencesdialog.ui" line="25" />
        <source>ever</source>
        <translation>영구</translation>
    </message>
    <message>
        <location filename="../../ui/preferencesdialog.ui" line="25" />
        <source> days</source>
        <translation>일</translation>
    </message>
    <message>
        <location filename="../../ui/preferencesdialog.ui" line="26" />
        <source>Keep at most (&amp;jobs):</source>
        <translation>최대 보관 작업 수(&amp;J):</translation>
    </message>
    <message>
        <location filename="../../ui/preferencesdialog.ui" line="27" />
        <source>no limit</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <location filename="../../ui/preferencesdialog.ui" line="28" />
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <location filename="../../src/app/preferencesdialog.cpp" line="18" />
        <source>CPU count (%1)</source>
        <extracomment>the default when 0: as many jobs as the machine has CPUs</extracomment>
        <translation>CPU 수 (%1)</translation>
    </message>
    <message>
        <location filename="../../src/app/preferencesdialog.cpp" line="28" />
        <source>Older jobs leave the history, and their kept output files are deleted</source>
        <translation>오래된 작업은 기록에서 지워지고, 보관한 출력 파일도 삭제됩니다</translation>
    </message>
    <message>
        <location filename="../../src/app/preferencesdialog.cpp" line="32" />
        <source>Unknown encoding: %1</source>
        <translation>알 수 없는 인코딩: %1</translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message numerus="yes">
        <location filename="../../src/app/statussummary.cpp" line="43" />
        <source>%n job(s) · %1 s of work in %2 s (×%3)</source>
        <extracomment>a batch's figures: jobs, total job time, wall time and the speed-up of running them in parallel</extracomment>
        <translation><numerusform>작업 %n개 · %1초 분량을 %2초에 (×%3)</numerusform></translation>
    </message>
    <message>
        <location filename="../../src/app/statussummary.cpp" line="61" />
        <source>Running %1 · Queued %2 · Finished %3 · Failed %4</source>
        <translation>실행 중 %1 · 대기 %2 · 완료 %3 · 실패 %4</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../src/app/timelineview.cpp" line="116" />
        <source>Run a batch to see its jobs over time.</source>
        <translation>일괄 작업을 실행하면 시간에 따른 작업이 보입니다.</translation>
    </message>
    <message>
        <location filename="../../src/app/timelineview.cpp" line="206" />
        <source>#%1 %2
%3 · %4</source>
        <translation>#%1 %2
%3 · %4</translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message>
        <location filename="../../src/app/usagechart.cpp" line="68" />
        <source>No samples yet: CPU and memory are read every %1 s while a job runs.</source>
        <translation>아직 표본 없음: 작업이 실행되는 동안 %1초마다 CPU와 메모리를 읽습니다.</translation>
    </message>
    <message>
        <location filename="../../src/app/usagechart.cpp" line="69" />
        <source>Select a job to see its CPU and memory over time.</source>
        <translation>작업을 선택하면 시간에 따른 CPU와 메모리가 보입니다.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/usagechart.cpp" line="80" />
        <source>CPU %1 % · %2 s in all · %n process(es)</source>
        <translation><numerusform>CPU %1 % · 모두 %2초 · 프로세스 %n개</numerusform></translation>
    </message>
    <message>
        <location filename="../../src/app/usagechart.cpp" line="84" />
        <source>Memory %1 · peak %2</source>
        <translation>메모리 %1 · 최대 %2</translation>
    </message>
</context>
<context>
    <name>formhelpers</name>
    <message>
        <location filename="../../src/app/formhelpers.cpp" line="23" />
        <source>kill the process tree</source>
        <translation>프로세스 트리 종료</translation>
    </message>
    <message>
        <location filename="../../src/app/formhelpers.cpp" line="24" />
        <source>mark it, let it run</source>
        <translation>표시만 하고 계속 실행</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../src/app/main.cpp" line="34" />
        <source>ProcDeck: run commands in parallel and watch them live.</source>
        <translation>ProcDeck: 명령을 병렬로 실행하고 실시간으로 지켜봅니다.</translation>
    </message>
    <message>
        <location filename="../../src/app/main.cpp" line="38" />
        <source>A program to run, after --.</source>
        <translation>-- 뒤에 실행할 프로그램.</translation>
    </message>
</context>
<context>
    <name>procdeck::JobTableModel</name>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="119" />
        <location filename="../../src/core/jobtablemodel.cpp" line="120" />
        <location filename="../../src/core/jobtablemodel.cpp" line="245" />
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/jobtablemodel.cpp" line="140" />
        <source>%1 · %n line(s)</source>
        <translation><numerusform>%1 · %n줄</numerusform></translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="147" />
        <source>working…</source>
        <extracomment>shown while a job runs, as in the notes' polling loop (Korean: 작업 중…)</extracomment>
        <translation>작업 중…</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="153" />
        <source>Queued</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="154" />
        <source>Timed out (still running)</source>
        <translation>시간 초과 (계속 실행 중)</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="154" />
        <source>Running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="155" />
        <source>Finished</source>
        <translation>완료</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="156" />
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="157" />
        <source>Timed out</source>
        <translation>시간 초과</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="158" />
        <source>Killed</source>
        <translation>강제 종료됨</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="159" />
        <source>Crashed</source>
        <translation>비정상 종료</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="160" />
        <source>Failed to start</source>
        <translation>시작 실패</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="161" />
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="305" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="306" />
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="307" />
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="308" />
        <source>Elapsed</source>
        <translation>경과 시간</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="310" />
        <source>Exit</source>
        <extracomment>the exit status of a process (Korean: 종료 상태)</extracomment>
        <translation>종료 상태</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="311" />
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="312" />
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="313" />
        <source>Memory</source>
        <translation>메모리</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="314" />
        <source>Peak memory</source>
        <translation>최대 메모리</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="315" />
        <source>CPU time</source>
        <translation>CPU 시간</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="316" />
        <source>Output</source>
        <translation>출력</translation>
    </message>
    <message>
        <location filename="../../src/core/jobtablemodel.cpp" line="317" />
        <source>Started</source>
        <translation>시작 시각</translation>
    </message>
</context>
</TS>