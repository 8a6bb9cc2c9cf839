#!/usr/bin/env python3
"""Fills procdeck_ko.ts (Korean, in the words of the notes ProcDeck grew from) and the English
plural forms of procdeck_en.ts. Run after `update_translations`; entries not listed here stay
unfinished and show in English."""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent

KO = {
    # Issue 25: the toolbar's Parallel is the engine's
    'Runs in this window, not in the background: %1': '백그라운드가 아닌 이 창에서 실행합니다: %1',
    'it waits for jobs of this window (Run after…)': '이 창의 작업을 기다립니다 (다음 작업 뒤에 실행…)',
    'At most this many jobs run at once, here and in the background engine (every window shows '
    'the same number); a change takes effect at once, also while a batch runs':
        '한 번에 실행하는 작업의 최대 개수 (이 창과 백그라운드 엔진 모두: 모든 창에 같은 값이 '
        '보입니다). 바꾸면 배치가 실행 중이어도 바로 적용됩니다',
    # Issue 26: storage I/O and the processes inside a job
    'Read': '읽기',
    'Written': '쓰기',
    '%1 · %2/s': '%1 · %2/초',
    '%1/s': '%1/초',
    'Storage I/O: not readable here': '저장 장치 입출력: 여기서는 읽을 수 없음',
    'Read %1 · %2/s   Written %3 · %4/s': '읽기 %1 · %2/초   쓰기 %3 · %4/초',
    'Read %1   Written %2': '읽기 %1   쓰기 %2',
    'Processes': '프로세스',
    'running (%1)': '실행 중 (%1)',
    'sleeping (%1)': '대기 중 (%1)',
    'disk wait (%1)': '디스크 대기 (%1)',
    'stopped (%1)': '정지됨 (%1)',
    'traced (%1)': '추적 중 (%1)',
    'zombie (%1)': '좀비 (%1)',
    'idle (%1)': '유휴 (%1)',
    'dead (%1)': '소멸 (%1)',
    'ended': '끝남',
    'Command line': '명령줄',
    'Threads': '스레드',
    'Files': '파일',
    'Copy Command Line': '명령줄 복사',
    'Select a job to see its processes.': '작업을 선택하면 그 프로세스가 보입니다.',
    '#%1 %2': '#%1 %2',
    '%n process(es)': ['프로세스 %n개'],
    'ended: its processes are gone': '끝남: 프로세스가 모두 사라졌습니다',
    # Batch dialog
    'New batch': '새 일괄 작업',
    '&Template:': '템플릿(&T):',
    "{} becomes each value, {#} the job's number": '{}는 각 값으로, {#}는 작업 번호로 바뀝니다',
    'Run through /bin/sh -c': '/bin/sh -c로 실행',
    '&Range:': '범위(&R):',
    '&List:': '목록(&L):',
    'F&ile:': '파일(&I):',
    'one value per line': '한 줄에 값 하나',
    '&Browse…': '찾아보기(&B)…',
    '&Max parallel:': '최대 병렬 수(&M):',
    '&Timeout:': '제한 시간(&T):',
    'none': '없음',
    ' s': '초',
    'then': '초과하면',
    'Output &encoding:': '출력 인코딩(&E):',
    'Preview': '미리 보기',
    '&Run': '실행(&R)',
    'Values file': '값 파일',
    'Enter the values, separated by commas.': '값을 쉼표로 구분해 입력하세요.',
    'Unknown encoding: %1': '알 수 없는 인코딩: %1',
    'There are no values: the batch would run nothing.': '값이 없습니다. 실행할 작업이 없습니다.',
    '… and %n more': ['… 외 %n개'],
    'Preview — %n job(s)': ['미리 보기 — 작업 %n개'],
    # Launch dialog
    'Launch job': '작업 실행',
    '&Command:': '명령(&C):',
    'e.g. sleep 5; echo done': '예: sleep 5; echo done',
    'Run through /bin/sh -c (pipes, ;, &&, variables)': '/bin/sh -c로 실행 (파이프, ;, &&, 변수)',
    '&Label:': '이름(&L):',
    'optional, shown instead of the command': '선택 사항, 명령 대신 표시됨',
    '&Working directory:': '작업 디렉터리(&W):',
    'current directory': '현재 디렉터리',
    '&grace:': '유예(&G):',
    'En&vironment:': '환경 변수(&V):',
    'Variable': '변수',
    'Value': '값',
    '&Add': '추가(&A)',
    '&Remove': '삭제(&R)',
    'Standard &input:': '표준 입력(&I):',
    'text given to the command on stdin (empty: none)': '명령의 stdin으로 줄 텍스트 (비우면 없음)',
    'Working directory': '작업 디렉터리',
    'Enter a command to run.': '실행할 명령을 입력하세요.',
    'The command does not parse: %1': '명령을 해석할 수 없습니다: %1',
    'The working directory does not exist: %1': '작업 디렉터리가 없습니다: %1',
    'Not a directory: %1': '디렉터리가 아닙니다: %1',
    'No permission to enter the working directory: %1': '작업 디렉터리에 들어갈 권한이 없습니다: %1',
    'Program not found on PATH: %1': 'PATH에서 프로그램을 찾을 수 없습니다: %1',
    'Not an executable file: %1': '실행 파일이 아닙니다: %1',
    "An environment variable's name cannot contain '=': %1": "환경 변수 이름에는 '='를 쓸 수 없습니다: %1",
    # Main window
    'Filter by command or output…': '명령이나 출력으로 거르기…',
    '&Show:': '표시(&S):',
    '&File': '파일(&F)',
    '&Jobs': '작업(&J)',
    '&Settings': '설정(&S)',
    '&Help': '도움말(&H)',
    'Main toolbar': '기본 도구 모음',
    '&New job…': '새 작업(&N)…',
    'Launch one command (Ctrl+N)': '명령 하나 실행 (Ctrl+N)',
    'New &batch…': '새 일괄 작업(&B)…',
    'Run a template over many values in parallel (Ctrl+B)': '템플릿을 여러 값으로 병렬 실행 (Ctrl+B)',
    '&Run again': '다시 실행(&R)',
    'Run the selected jobs again (Ctrl+R)': '선택한 작업을 다시 실행 (Ctrl+R)',
    '&Kill': '강제 종료(&K)',
    "Kill the selected jobs' process trees (Del)": '선택한 작업의 프로세스 트리를 종료 (Del)',
    'Kill &all': '모두 종료(&A)',
    'Kill every running job and cancel the queue (Ctrl+Shift+K)': '실행 중인 작업을 모두 종료하고 대기열을 취소 (Ctrl+Shift+K)',
    'Remove &finished': '끝난 작업 지우기(&F)',
    'Remove the jobs that have ended from the table (Ctrl+Shift+R)': '끝난 작업을 표에서 지우기 (Ctrl+Shift+R)',
    '&Export run log…': '실행 기록 내보내기(&E)…',
    'Save what ran as a run log (Ctrl+E)': '실행한 내용을 실행 기록으로 저장 (Ctrl+E)',
    'Export &selected jobs…': '선택한 작업 내보내기(&S)…',
    '&Preferences…': '환경 설정(&P)…',
    'Timeouts and defaults (Ctrl+,)': '제한 시간과 기본값 (Ctrl+,)',
    '&Find in output': '출력에서 찾기(&F)',
    '&Quit': '끝내기(&Q)',
    '&About ProcDeck': 'ProcDeck 정보(&A)',
    'All jobs': '모든 작업',
    'Active (running or queued)': '활성 (실행 중 또는 대기)',
    'Running': '실행 중',
    'Queued': '대기 중',
    'Succeeded': '성공',
    'Failed (any kind)': '실패 (모든 종류)',
    'Timed out': '시간 초과',
    'About ProcDeck': 'ProcDeck 정보',
    "<h3>ProcDeck %1</h3><p>A process monitor and parallel job runner: Python's <code>subprocess</code> on a screen.</p>":
        '<h3>ProcDeck %1</h3><p>프로세스 모니터이자 병렬 작업 실행기: 화면 위의 파이썬 <code>subprocess</code>.</p>',
    'Kill all jobs?': '모든 작업을 종료할까요?',
    'Kill %n running job(s) with their process trees': ['실행 중인 작업 %n개를 프로세스 트리와 함께 종료하고'],
    ' and cancel %n queued.': [' 대기 중인 %n개를 취소합니다.'],
    'Export run log': '실행 기록 내보내기',
    'JSON Lines (*.jsonl)': 'JSON Lines (*.jsonl)',
    'Export failed': '내보내기 실패',
    'The run log was not written: %1': '실행 기록을 쓰지 못했습니다: %1',
    'Exported %n job(s) to %1': ['작업 %n개를 %1(으)로 내보냈습니다'],
    'Copy command': '명령 복사',
    'Jobs are still running': '작업이 아직 실행 중입니다',
    '%n job(s) are still running or queued. Quitting kills them with their process trees.':
        ['작업 %n개가 아직 실행 중이거나 대기 중입니다. 끝내면 프로세스 트리와 함께 종료됩니다.'],
    '&Kill jobs and quit': '작업 종료 후 끝내기(&K)',
    # Output view
    'No job selected': '선택한 작업 없음',
    'Find (Ctrl+F)': '찾기 (Ctrl+F)',
    '&Encoding:': '인코딩(&E):',
    'Decode the kept bytes in another encoding': '보관한 바이트를 다른 인코딩으로 해석',
    'Wrap': '줄 바꿈',
    'Wrap long lines': '긴 줄 바꿈',
    'Copy': '복사',
    'Copy the shown output (or the selection) to the clipboard': '보이는 출력(또는 선택 부분)을 클립보드로 복사',
    'Open complete output': '전체 출력 열기',
    'Only the end of the output is kept in memory; open the whole file': '메모리에는 출력의 끝부분만 있습니다. 전체 파일을 엽니다',
    "Unknown encoding '%1': choose another to see the output.": "알 수 없는 인코딩 '%1': 출력을 보려면 다른 인코딩을 고르세요.",
    '%1 — %2, %n line(s)': ['%1 — %2, %n줄'],
    ' (showing the last %1)': ' (마지막 %1 표시)',
    'Not found: %1': '찾지 못함: %1',
    # Preferences
    'Timeouts & defaults': '제한 시간과 기본값',
    '&Max parallel jobs:': '최대 병렬 작업 수(&M):',
    'Communicate &timeout:': 'communicate 제한 시간(&T):',
    'On &timeout:': '시간 초과 시(&T):',
    '&Grace before SIGKILL:': 'SIGKILL 전 유예(&G):',
    'Memory &kept per output:': '출력마다 보관할 메모리(&K):',
    'CPU count (%1)': 'CPU 수 (%1)',
    # Status bar
    "Batch %1 runs at most %n job(s) at once (the toolbar's Parallel is %2)":
        ['일괄 작업 %1은(는) 한 번에 최대 %n개씩 실행합니다 (도구 모음의 병렬 수는 %2)'],
    '%n job(s) · %1 s of work in %2 s (×%3)': ['작업 %n개 · %1초 분량을 %2초에 (×%3)'],
    'Running %1 · Queued %2 · Finished %3 · Failed %4': '실행 중 %1 · 대기 %2 · 완료 %3 · 실패 %4',
    # Form helpers
    'kill the process tree': '프로세스 트리 종료',
    'mark it, let it run': '표시만 하고 계속 실행',
    # main
    'ProcDeck: run commands in parallel and watch them live.': 'ProcDeck: 명령을 병렬로 실행하고 실시간으로 지켜봅니다.',
    'A program to run, after --.': '-- 뒤에 실행할 프로그램.',
    # Batch files and history
    '&Save as batch file…': '일괄 작업 파일로 저장(&S)…',
    'Save batch file': '일괄 작업 파일 저장',
    'Batch files (*.json)': '일괄 작업 파일 (*.json)',
    'Save failed': '저장 실패',
    'The batch file was not saved: %1': '일괄 작업 파일을 저장하지 못했습니다: %1',
    'History': '기록',
    'Search earlier commands…': '이전 명령 검색…',
    'Interrupted': '중단됨',
    'Duration': '걸린 시간',
    'No history: the database could not be opened.': '기록 없음: 데이터베이스를 열 수 없습니다.',
    '%n job(s) shown · kept output takes %1': ['작업 %n개 표시 · 보관한 출력 %1'],
    '&Open batch file…': '일괄 작업 파일 열기(&O)…',
    'Run the jobs of a batch file (Ctrl+O)': '일괄 작업 파일의 작업 실행 (Ctrl+O)',
    '&Save jobs as batch file…': '작업을 일괄 작업 파일로 저장(&S)…',
    "Save the table's jobs as a batch file (Ctrl+S)": '표의 작업을 일괄 작업 파일로 저장 (Ctrl+S)',
    '&History…': '기록(&H)…',
    'Earlier runs, with search and run again (Ctrl+H)': '이전 실행 검색과 다시 실행 (Ctrl+H)',
    'History is off: %1': '기록 꺼짐: %1',
    'History database replaced': '기록 데이터베이스를 새로 만듦',
    'Open batch file': '일괄 작업 파일 열기',
    'Open batch file in the &background…': '일괄 작업 파일을 백그라운드에서 열기(&B)…',
    'Open batch file in the background': '일괄 작업 파일을 백그라운드에서 열기',
    'The %n job(s) in the Background tab run on in the engine either way.':
        ['백그라운드 탭의 작업 %n개는 어느 쪽이든 엔진에서 계속 실행됩니다.'],
    '&Keep running in the background': '백그라운드에서 계속 실행(&K)',
    '&Stop the jobs and quit': '작업을 멈추고 끝내기(&S)',
    'Keep %n job(s) running in the background?': ['작업 %n개를 백그라운드에서 계속 실행할까요?'],
    'They go on running in the engine after the window closes; ProcDeck shows them again when '
    'it opens.': ['창을 닫아도 엔진에서 계속 실행되며, ProcDeck을 다시 열면 다시 보입니다.'],
    "The window's own %n job(s) stop either way: SIGTERM to each process tree, then SIGKILL "
    'after up to %1 s.': ['창 자체의 작업 %n개는 어느 쪽이든 멈춥니다: 각 프로세스 트리에 '
                          'SIGTERM을 보내고, 최대 %1초 뒤 SIGKILL을 보냅니다.'],
    'Hand the jobs of a batch file to the engine: they run on when this window closes '
    '(Ctrl+Shift+O)': '일괄 작업 파일의 작업을 엔진에 넘깁니다: 이 창을 닫아도 계속 실행됩니다 '
    '(Ctrl+Shift+O)',
    'Batch files (*.json);;All files (*)': '일괄 작업 파일 (*.json);;모든 파일 (*)',
    'Save jobs as batch file': '작업을 일괄 작업 파일로 저장',
    'JSON Lines (*.jsonl);;CSV for spreadsheets (*.csv);;GNU parallel joblog (*.joblog);;Report as text (*.txt);;Report as HTML (*.html)':
        'JSON Lines (*.jsonl);;스프레드시트용 CSV (*.csv);;GNU parallel joblog (*.joblog);;텍스트 보고서 (*.txt);;HTML 보고서 (*.html)',
    'Batch file refused': '일괄 작업 파일 거부됨',
    'Running %n job(s) from %1': ['%1의 작업 %n개 실행 중'],
    'Saved %n job(s) to %1': ['작업 %n개를 %1에 저장했습니다'],
    'Keep history &for:': '기록 보관 기간(&F):',
    'ever': '영구',
    ' days': '일',
    'Keep at most (&jobs):': '최대 보관 작업 수(&J):',
    'no limit': '제한 없음',
    'Older jobs leave the history, and their kept output files are deleted': '오래된 작업은 기록에서 지워지고, 보관한 출력 파일도 삭제됩니다',
    'Read CPU and memory &every:': 'CPU와 메모리 읽는 간격(&E):',
    # Usage and timeline
    'CPU && memory': 'CPU와 메모리',
    'Timeline': '타임라인',
    'Run a batch to see its jobs over time.': '일괄 작업을 실행하면 시간에 따른 작업이 보입니다.',
    '#%1 %2\n%3 · %4': '#%1 %2\n%3 · %4',
    'No samples yet: CPU and memory are read every %1 s while a job runs.': '아직 표본 없음: 작업이 실행되는 동안 %1초마다 CPU와 메모리를 읽습니다.',
    'Select a job to see its CPU and memory over time.': '작업을 선택하면 시간에 따른 CPU와 메모리가 보입니다.',
    'CPU %1 % · %2 s in all · %n process(es)': ['CPU %1 % · 모두 %2초 · 프로세스 %n개'],
    'Memory %1 · peak %2': '메모리 %1 · 최대 %2',
    'CPU': 'CPU',
    'Memory': '메모리',
    'Peak memory': '최대 메모리',
    'CPU time': 'CPU 시간',
    # Job table
    'working…': '작업 중…',
    '%1 s': '%1초',
    '%1 · %n line(s)': ['%1 · %n줄'],
    'Timed out (still running)': '시간 초과 (계속 실행 중)',
    'Finished': '완료',
    'Failed': '실패',
    'Killed': '강제 종료됨',
    'Crashed': '비정상 종료',
    'Failed to start': '시작 실패',
    'Cancelled': '취소됨',
    '#': '#',
    'ProcDeck': 'ProcDeck',
    '#%1  %2': '#%1  %2',
    'stdout': 'stdout (표준 출력)',
    'stderr': 'stderr (표준 오류)',
    ' KiB': ' KiB',
    'Command': '명령',
    'State': '상태',
    'Elapsed': '경과 시간',
    'Exit': '종료 상태',
    'PID': 'PID',
    'Output': '출력',
    'Started': '시작 시각',
    # Quitting, banners and notices (the window's side of issue 11)
    '&Kill now': '지금 강제 종료(&K)',
    "The history cannot be written (%1). Nothing is lost: the jobs' rows are kept and written as soon as the database can be.":
        '기록을 저장할 수 없습니다 (%1). 잃어버리는 것은 없습니다: 작업 행을 보관해 두었다가 데이터베이스가 허락하는 대로 저장합니다.',
    'The history caught up: every job is recorded.': '기록이 따라잡았습니다: 모든 작업이 저장되었습니다.',
    'Killing %n job(s) with SIGKILL…': ['작업 %n개를 SIGKILL로 종료하는 중…'],
    'Stopping %n job(s)… SIGKILL in %1 s': ['작업 %n개를 멈추는 중… %1초 뒤 SIGKILL'],
    '%n job(s) are still running.': ['작업 %n개가 아직 실행 중입니다.'],
    '%n queued job(s) will not start.': ['대기 중인 작업 %n개는 시작되지 않습니다.'],
    "Quitting sends SIGTERM to each job's process tree, waits up to %1 s for them to end, then kills what is left with SIGKILL.":
        '끝내면 각 작업의 프로세스 트리에 SIGTERM을 보내고, 끝나기를 최대 %1초 기다린 뒤 남은 것을 SIGKILL로 종료합니다.',
    '&Stop jobs and quit': '작업을 멈추고 끝내기(&S)',
    'Kill %n running job(s) with their process trees (SIGTERM, then SIGKILL after the grace period).':
        ['실행 중인 작업 %n개를 프로세스 트리와 함께 종료합니다 (SIGTERM, 유예 시간 뒤 SIGKILL).'],
    'Cancel %n queued job(s).': ['대기 중인 작업 %n개를 취소합니다.'],
    'Removed %n ended job(s)': ['끝난 작업 %n개를 지웠습니다'],
    ', %n of them failed, killed or cancelled.': [', 그중 %n개는 실패·강제 종료·취소된 작업입니다.'],
    'Remove &ended': '끝난 작업 지우기(&E)',
    'Remove every job that has ended from the table: succeeded, failed, killed or cancelled (Ctrl+Shift+R)':
        '끝난 작업을 모두 표에서 지웁니다: 성공, 실패, 강제 종료, 취소 모두 (Ctrl+Shift+R)',
    'Defaults for new jobs, the history and notifications (Ctrl+,)': '새 작업의 기본값, 기록, 알림 (Ctrl+,)',
    "<p><b>No jobs yet.</b></p><p><b>New job</b> (Ctrl+N) runs one command; <b>New batch</b> (Ctrl+B) runs a template over many values in parallel.<br>Each job's output, CPU and memory show below.</p>":
        '<p><b>아직 작업이 없습니다.</b></p><p><b>새 작업</b>(Ctrl+N)은 명령 하나를, <b>새 일괄 작업</b>(Ctrl+B)은 템플릿을 여러 값으로 병렬 실행합니다.<br>각 작업의 출력, CPU, 메모리는 아래에 표시됩니다.</p>',
    # Why a job ended
    'ProcDeck: %1': 'ProcDeck: %1',
    '%1 ProcDeck: %2': '%1 ProcDeck: %2',
    'Its timeout of %1 s expired; it is left running, as asked.': '제한 시간 %1초가 지났습니다. 설정대로 계속 실행합니다.',
    'Exited with code 0, after its timeout of %1 s had expired.': '제한 시간 %1초가 지난 뒤 코드 0으로 끝났습니다.',
    'Exited with code 0.': '코드 0으로 끝났습니다.',
    'Exited with code %1, after its timeout of %2 s had expired.': '제한 시간 %2초가 지난 뒤 코드 %1(으)로 끝났습니다.',
    'Exited with code %1.': '코드 %1(으)로 끝났습니다.',
    'Timed out after %1 s: ended by %2.': '%1초 제한 시간 초과: %2(으)로 종료되었습니다.',
    'Timed out after %1 s.': '%1초 제한 시간 초과.',
    'Killed by you: ended by %1.': '사용자가 종료함: %1(으)로 종료되었습니다.',
    'Killed by you.': '사용자가 종료함.',
    'Crashed: %1.': '비정상 종료: %1.',
    'ended by %1 — sent from ProcDeck': '%1(으)로 종료됨 — ProcDeck이 보냄',
    'ended by %1 — not sent by ProcDeck': '%1(으)로 종료됨 — ProcDeck이 보내지 않음',
    "ended by %1 — not sent by ProcDeck; probably the kernel's out-of-memory killer":
        '%1(으)로 종료됨 — ProcDeck이 보내지 않음. 커널의 메모리 부족(OOM) 킬러로 보입니다',
    'Failed to start.': '시작하지 못했습니다.',
    'Failed to start: %1': '시작하지 못했습니다: %1',
    'Cancelled before it started.': '시작하기 전에 취소되었습니다.',
    # Notifications
    'Batch ended: %n job(s) failed': ['일괄 작업 끝: 작업 %n개 실패'],
    'Batch done: all %n job(s) succeeded': ['일괄 작업 완료: 작업 %n개 모두 성공'],
    '%n job(s) · %1 s of work in %2 s': ['작업 %n개 · 작업 시간 %1초를 %2초 만에'],
    '#%1 %2': '#%1 %2',
    'Show': '보기',
    '&Notify me when a batch ends while ProcDeck is in the background': 'ProcDeck이 뒤에 있을 때 일괄 작업이 끝나면 알림(&N)',
    '…or a job run &alone after:': '…단독 작업은 다음 시간 이후(&A):',
    'A job started on its own is worth a notification once it has run this long': '따로 시작한 작업은 이만큼 실행된 뒤에 끝나면 알립니다',
    'Preferences': '환경 설정',
    'Default &timeout:': '기본 제한 시간(&T):',
    # Output pane
    'Strip colours': '색 없애기',
    'Show the output without terminal colours (exports keep them)': '터미널 색 없이 출력을 표시 (내보내기에는 그대로 남음)',
    'Complete &stdout': '전체 stdout(&S)',
    'Complete std&err': '전체 stderr(&E)',
    'Open the whole output file in your text viewer': '전체 출력 파일을 텍스트 뷰어로 열기',
    'The complete output was not kept in a file: only what is shown here exists.': '전체 출력이 파일로 보관되지 않았습니다. 여기 보이는 것이 전부입니다.',
    'No program here opens text files. The complete output is in %1 (the path is copied).':
        '텍스트 파일을 열 프로그램이 없습니다. 전체 출력은 %1에 있습니다 (경로를 복사했습니다).',
    # The engine and the Background tab (issue 25)
    'Run in the &background (keeps running when the window closes)':
        '백그라운드에서 실행(&B) (창을 닫아도 계속 실행)',
    'The job goes to the engine, the same one procdeck-cli --detach uses: it runs on after the window closes and is shown in the Background tab.':
        '작업은 엔진으로 갑니다 (procdeck-cli --detach가 쓰는 것과 같은 엔진). 창을 닫은 뒤에도 계속 실행되며 백그라운드 탭에 표시됩니다.',
    'No engine answers on %1': '%1에서 응답하는 엔진이 없습니다',
    'The engine closed the connection': '엔진이 연결을 닫았습니다',
    'Start the engine again': '엔진 다시 시작',
    'Restart when idle': '유휴 상태가 되면 다시 시작',
    'A newer ProcDeck engine is installed (%3). The one running (pid %1) is from %2: restart it once its jobs have ended to use the new one.':
        '더 새로운 ProcDeck 엔진이 설치되어 있습니다 (%3). 실행 중인 엔진(pid %1)은 %2의 것입니다. 새 엔진을 쓰려면 작업이 끝난 뒤 다시 시작하세요.',
    'The engine (pid %1) takes no more jobs and ends once its jobs have ended; a new one starts then.':
        '엔진(pid %1)은 더 이상 작업을 받지 않으며 작업이 끝나면 종료됩니다. 그때 새 엔진이 시작됩니다.',
    'The engine (pid %1) has ended; starting the new one.': '엔진(pid %1)이 종료되었습니다. 새 엔진을 시작합니다.',
    'No engine runs: jobs sent to the background start one.':
        '실행 중인 엔진이 없습니다. 백그라운드로 보낸 작업이 엔진을 시작합니다.',
    'Start the engine': '엔진 시작',
    'Kill': '강제 종료',
    'Pause': '일시 정지',
    'Resume': '재개',
    'Background': '백그라운드',
    'The jobs could not be sent to the background: %1': '작업을 백그라운드로 보내지 못했습니다: %1',
    'Niceness %1 set for %2': '%2의 nice 값을 %1(으)로 설정했습니다',
    'The engine did not take the jobs (%1): they run in this window':
        '엔진이 작업을 받지 않았습니다(%1): 이 창에서 실행합니다',
    "Run the command line's jobs in this window's own process: they end when it closes. "
    'Without it they go to your engine and run on after the window.':
        '명령줄의 작업을 이 창의 프로세스에서 실행합니다: 창을 닫으면 끝납니다. '
        '이 옵션이 없으면 작업은 엔진으로 가서 창이 닫힌 뒤에도 계속 실행됩니다.',
    'Engine gone': '엔진 종료됨',
    'The engine (pid %1) has gone away (%2). The jobs it ran were ended with it; the Background tab shows them as they were last seen.':
        '엔진(pid %1)이 사라졌습니다 (%2). 엔진이 실행하던 작업도 함께 종료되었습니다. 백그라운드 탭에는 마지막으로 본 모습 그대로 표시됩니다.',
    'The engine refused: %1': '엔진이 거부했습니다: %1',
    '%n job(s) sent to the background: %1': ['작업 %n개를 백그라운드로 보냈습니다: %1'],
    'The engine did not run them again: %1': '엔진이 다시 실행하지 않았습니다: %1',
    '%n job(s) queued again in the engine: %1': ['작업 %n개를 엔진에서 다시 대기열에 넣었습니다: %1'],
    'Run again': '다시 실행',
    'Export…': '내보내기…',
    'Write the run log of the selected jobs (none selected: all)': '선택한 작업의 실행 기록을 씁니다 (선택이 없으면 전부)',
    '%n job(s) queued again: %1': ['작업 %n개를 다시 대기열에 넣었습니다: %1'],
    "Export the background jobs' run log": '백그라운드 작업의 실행 기록 내보내기',
    'The run log was not written to %1: %2': '실행 기록을 %1에 쓰지 못했습니다: %2',
    'Killed %1.': '%1 강제 종료함.',
    'Paused %1.': '%1 일시 정지함.',
    'Resumed %1.': '%1 재개함.',
    'Not done: %1.': '하지 못함: %1.',
    'Select a background job to see its output.': '출력을 보려면 백그라운드 작업을 선택하세요.',
    'Engine pid %1, running since %2': '엔진 pid %1, %2부터 실행 중',
    # CPU & memory
    '#%1  %2  —  %3': '#%1  %2  —  %3',
    'running': '실행 중',
    'ended · its last figures': '끝남 · 마지막 수치',
    'CPU %1 s in all': 'CPU 총 %1초',
    'Memory peak %1': '메모리 최대 %1',
    # Any signal, priority (issue 26.3, 26.4)
    'N&ice:': '나이스 값(&I):',
    'higher: the job yields the CPU to others': '높을수록 다른 프로그램에 CPU를 양보합니다',
    "Like GNU parallel's --nice: every process of the job starts at this niceness, from -20 (first) to 19 (last); 0 is ProcDeck's own. Below 0 needs privileges.":
        'GNU parallel의 --nice처럼 작업의 모든 프로세스가 이 나이스 값으로 시작합니다. -20(가장 먼저)부터 19(가장 나중)까지이며, 0은 ProcDeck 자신의 값입니다. 0보다 낮추려면 권한이 필요합니다.',
    'Send signal': '시그널 보내기',
    '&Signal:': '시그널(&S):',
    '&Number:': '번호(&N):',
    'Any signal by its number (kill -l lists them), for "Another signal by number".':
        '"번호로 다른 시그널"을 고르면 쓰는 시그널 번호입니다 (kill -l이 목록을 보여 줍니다).',
    'The signal goes to every process of %1: its process group and the processes that left it.':
        '시그널은 %1의 모든 프로세스, 곧 프로세스 그룹과 그룹을 벗어난 프로세스에 갑니다.',
    'Another signal by number': '번호로 다른 시그널',
    'Many daemons reload their settings on it; others end.': '많은 데몬은 이 시그널에 설정을 다시 읽고, 다른 프로그램은 끝납니다.',
    'As Ctrl+C at a terminal.': '터미널의 Ctrl+C와 같습니다.',
    'As Ctrl+\\ at a terminal: ends it, often with a core dump.': '터미널의 Ctrl+\\와 같습니다. 흔히 코어 덤프를 남기고 끝납니다.',
    'Asks it to end; it may clean up first.': '끝내라고 요청합니다. 먼저 정리할 수 있습니다.',
    'Ends it at once; it cannot clean up.': '즉시 끝냅니다. 정리할 수 없습니다.',
    'Means what the program says (dd prints its progress on SIGUSR1); a program that does not handle it ends.':
        '뜻은 프로그램마다 다릅니다 (dd는 SIGUSR1에 진행 상황을 출력합니다). 처리하지 않는 프로그램은 끝납니다.',
    'Stops it: the job is Paused until SIGCONT or Resume.': '멈춥니다. SIGCONT나 재개 전까지 작업은 일시 정지 상태입니다.',
    'Continues a stopped job: a paused one runs again.': '멈춘 작업을 계속합니다. 일시 정지한 작업이 다시 실행됩니다.',
    "Says the terminal's size changed; most programs ignore it.": '터미널 크기가 바뀌었다고 알립니다. 대부분의 프로그램은 무시합니다.',
    'Priority': '우선순위',
    '&Disk priority:': '디스크 우선순위(&D):',
    '&level:': '수준(&L):',
    '0 is served first, 7 last; 4 is the usual one.': '0이 가장 먼저, 7이 가장 나중이며 보통은 4입니다.',
    '-20 runs first, 19 last. Raising it is always allowed; lowering it needs privileges.':
        '-20이 가장 먼저, 19가 가장 나중에 실행됩니다. 올리는 것은 언제나 되지만 낮추려면 권한이 필요합니다.',
    "Every process of the job's process group gets it, grandchildren included.": '작업의 프로세스 그룹에 있는 모든 프로세스(손자 프로세스 포함)에 적용됩니다.',
    'The priority of %1, which runs at niceness %2 now.': '%1의 우선순위입니다. 지금 나이스 값은 %2입니다.',
    'Unchanged': '바꾸지 않음',
    'Best effort': '최선 노력(best effort)',
    'Idle (only when the disk is free)': '유휴 (디스크가 비어 있을 때만)',
    'Send si&gnal…': '시그널 보내기(&G)…',
    "Send a signal (HUP, USR1, …) to the selected jobs' process trees": '선택한 작업의 프로세스 트리에 시그널(HUP, USR1, …)을 보냅니다',
    'P&riority…': '우선순위(&R)…',
    "Change the niceness and disk priority of the selected jobs' process trees": '선택한 작업의 프로세스 트리의 나이스 값과 디스크 우선순위를 바꿉니다',
    'job %1': '작업 %1',
    '%n job(s)': ['작업 %n개'],
    'Signal not sent': '시그널을 보내지 못함',
    'Send Signal…': '시그널 보내기…',
    'process %1 (%2)': '프로세스 %1 (%2)',
    '%1 sent to process %2': '%1을(를) 프로세스 %2에 보냈습니다',
    'Signal not sent: %1': '시그널을 보내지 못함: %1',
    'job %1 runs on %2: its processes there are not signalled from here':
        '작업 %1은(는) %2에서 실행됩니다: 그곳의 프로세스에는 여기서 시그널을 보낼 수 없습니다',
    "process %1 is not one of job %2's": '프로세스 %1은(는) 작업 %2의 것이 아닙니다',
    'process %1 has ended': '프로세스 %1은(는) 끝났습니다',
    'process %1: %2': '프로세스 %1: %2',
    'Priority not changed': '우선순위를 바꾸지 못함',
    '%1 sent to %2': '%2에 %1을(를) 보냄',
    'job %1 has not started: there is no process to signal': '작업 %1은(는) 아직 시작하지 않아 시그널을 받을 프로세스가 없습니다',
    'job %1 has ended': '작업 %1은(는) 끝났습니다',
    'job %1 runs on %2: ProcDeck can pause, resume and kill it there, not send it %3':
        '작업 %1은(는) %2에서 실행됩니다. ProcDeck은 그곳의 작업을 일시 정지, 재개, 종료할 수 있지만 %3을(를) 보낼 수는 없습니다',
    'job %1 is being killed: it cannot be stopped': '작업 %1은(는) 종료되는 중이라 멈출 수 없습니다',
    'job %1 could not be resumed': '작업 %1을(를) 재개하지 못했습니다',
    "job %1's processes have ended": '작업 %1의 프로세스가 끝났습니다',
    'no signal has the number %1 (1 to %2)': '번호 %1인 시그널은 없습니다 (1부터 %2까지)',
    "not a signal: '%1' (a name such as USR1 or SIGHUP, or a number)": "시그널이 아닙니다: '%1' (USR1, SIGHUP 같은 이름이나 번호)",
    'Job %1 is not running: it has no processes to give a priority.': '작업 %1은(는) 실행 중이 아니라 우선순위를 줄 프로세스가 없습니다.',
    'Job %1 runs on %2: ProcDeck sets the priority of jobs that run here only.': '작업 %1은(는) %2에서 실행됩니다. ProcDeck은 이 컴퓨터에서 실행되는 작업의 우선순위만 바꿉니다.',
    'Niceness %1 is out of range: -20 (first) to 19 (last).': '나이스 값 %1은(는) 범위를 벗어납니다: -20(가장 먼저)부터 19(가장 나중)까지입니다.',
    'Job %1 keeps its priority: niceness %2 was refused — %3. A niceness below what its processes have needs the CAP_SYS_NICE privilege or a higher RLIMIT_NICE (ulimit -e).':
        '작업 %1의 우선순위는 그대로입니다. 나이스 값 %2이(가) 거부되었습니다 — %3. 프로세스의 지금 값보다 낮추려면 CAP_SYS_NICE 권한이나 더 높은 RLIMIT_NICE(ulimit -e)가 필요합니다.',
    'Job %1 keeps its priority: %2.': '작업 %1의 우선순위는 그대로입니다: %2.',
    'Job %1 has niceness %2 now, but its I/O priority was refused — %3.': '작업 %1의 나이스 값은 이제 %2이지만 I/O 우선순위는 거부되었습니다 — %3.',
    # Issue 26.5: idle jobs
    'sleeping': '대기 중',
    'in disk wait (D)': '디스크 대기 (D)',
    'stopped (T)': '정지됨 (T)',
    'stopped by a debugger (t)': '디버거에 의해 정지됨 (t)',
    'in state %1': '상태 %1',
    '%1 in %2': '%2에서 %1',
    'its process %1': '프로세스가 %1',
    'all %n processes %1': ['프로세스 %n개 모두 %1'],
    '%n %1': ['%n개 %1'],
    '%n other(s)': ['그 밖에 %n개'],
    '%n s': ['%n초'],
    '%n min': ['%n분'],
    '%1 h %2 min': '%1시간 %2분',
    'idle %1': '유휴 %1',
    'No CPU or I/O for %1': '%1 동안 CPU와 입출력 없음',
    'No CPU or I/O for %1 — %2': '%1 동안 CPU와 입출력 없음 — %2',
    'Mark a job &idle after:': '작업을 유휴로 표시할 시간(&I):',
    'never': '안 함',
    'A running job whose processes used no CPU and read or wrote nothing this long shows a moon in its state, and says where its processes wait':
        '실행 중인 작업의 프로세스가 이만큼 CPU를 쓰지 않고 아무것도 읽거나 쓰지 않으면 상태 칸에 달이 표시되고, 프로세스가 어디서 대기하는지 알려 줍니다',
    # Issue 28.2: one Slurm allocation for the batch
    'Slurm cluster — one allocation for the batch': 'Slurm 클러스터 — 일괄 작업 전체에 할당 하나',
    'salloc arguments, such as -n 8 --time=30': 'salloc 인자 (예: -n 8 --time=30)',
    'What salloc is given to ask for the allocation: the jobs run as its steps, and it is given back when the batch ends':
        '할당을 요청할 때 salloc에 넘기는 인자: 작업은 그 할당의 스텝으로 실행되고, 일괄 작업이 끝나면 할당을 반납합니다',
    'its jobs as srun steps': '작업은 srun 스텝으로 실행',
    'its jobs as srun %1 steps': '작업은 srun %1 스텝으로 실행',
    'salloc arguments: %1': 'salloc 인자: %1',
    "Run on: give salloc's arguments for the allocation, such as -n 8 --time=30":
        '실행 위치: 할당에 쓸 salloc 인자를 입력하세요 (예: -n 8 --time=30)',
    'Cancel': '취소',
    'End the batch': '일괄 작업 끝내기',
    'The batch did not run: the Slurm allocation failed: %1': '일괄 작업을 실행하지 않았습니다: Slurm 할당 실패: %1',
    'Slurm allocation %1 given back': 'Slurm 할당 %1 반납함',
    'Slurm allocation %1 on %2 (%n node(s))': ['Slurm 할당 %1: %2 (노드 %n개)'],
    '%1, no time limit': '%1, 시간 제한 없음',
    '%1, %2 left': '%1, %2 남음',
    'Asking Slurm for an allocation for the batch': '일괄 작업에 쓸 할당을 Slurm에 요청하는 중',
    "Waiting for Slurm (%1): the batch's %n job(s) start once it grants the allocation":
        ['Slurm 대기 중 (%1): 할당이 나오면 일괄 작업의 작업 %n개가 시작됩니다'],
    's&alloc arguments:': 'salloc 인자(&A):',
    '%1 — %2': '%1 — %2',
    # Issue 25: the window's jobs run in the engine (EngineRun)
    'the window is no longer attached to the engine': '창이 더 이상 엔진에 연결되어 있지 않습니다',
    'it did not run in the engine (%1)': '엔진에서 실행되지 않았습니다 (%1)',
    'timed out in the engine': '엔진에서 시간 초과',
    "the engine's job could not be followed: %1": '엔진의 작업을 따라갈 수 없습니다: %1',
    'the engine would not %1 it: %2': '엔진이 %1 요청을 거절했습니다: %2',
    'Queued in the engine': '엔진 대기열에 있음',
    'Run in the bac&kground (keeps running when the window closes)':
        '백그라운드에서 실행(&K) (창을 닫아도 계속 실행)',
    'The batch goes to the engine, the same one procdeck-cli --detach uses: its jobs are rows of '
    'the table as any, and run on after the window closes.':
        '일괄 작업이 procdeck-cli --detach가 쓰는 것과 같은 엔진으로 갑니다: 작업은 표의 행으로 '
        '보이고, 창을 닫은 뒤에도 계속 실행됩니다.',
}

EN_PLURALS = {
    '%n job(s) sent to the background: %1': ['%n job sent to the background: %1',
                                              '%n jobs sent to the background: %1'],
    '%n job(s) queued again in the engine: %1': ['%n job queued again in the engine: %1',
                                                  '%n jobs queued again in the engine: %1'],
    '%n job(s)': ['%n job', '%n jobs'],
    "Batch %1 runs at most %n job(s) at once (the toolbar's Parallel is %2)":
        ["Batch %1 runs at most %n job at once (the toolbar's Parallel is %2)",
         "Batch %1 runs at most %n jobs at once (the toolbar's Parallel is %2)"],
    '… and %n more': ['… and %n more', '… and %n more'],
    'Preview — %n job(s)': ['Preview — %n job', 'Preview — %n jobs'],
    'Kill %n running job(s) with their process trees': ['Kill %n running job with its process tree',
                                                        'Kill %n running jobs with their process trees'],
    ' and cancel %n queued.': [' and cancel %n queued.', ' and cancel %n queued.'],
    'Exported %n job(s) to %1': ['Exported %n job to %1', 'Exported %n jobs to %1'],
    '%n job(s) queued again: %1': ['%n job queued again: %1', '%n jobs queued again: %1'],
    '%n job(s) are still running or queued. Quitting kills them with their process trees.':
        ['%n job is still running or queued. Quitting kills it with its process tree.',
         '%n jobs are still running or queued. Quitting kills them with their process trees.'],
    '%1 — %2, %n line(s)': ['%1 — %2, %n line', '%1 — %2, %n lines'],
    '%n job(s) · %1 s of work in %2 s (×%3)': ['%n job · %1 s of work in %2 s (×%3)',
                                               '%n jobs · %1 s of work in %2 s (×%3)'],
    '%1 · %n line(s)': ['%1 · %n line', '%1 · %n lines'],
    '%n job(s) shown · kept output takes %1': ['%n job shown · kept output takes %1', '%n jobs shown · kept output takes %1'],
    'Running %n job(s) from %1': ['Running %n job from %1', 'Running %n jobs from %1'],
    'Saved %n job(s) to %1': ['Saved %n job to %1', 'Saved %n jobs to %1'],
    'CPU %1 % · %2 s in all · %n process(es)': ['CPU %1 % · %2 s in all · %n process', 'CPU %1 % · %2 s in all · %n processes'],
    'Killing %n job(s) with SIGKILL…': ['Killing %n job with SIGKILL…', 'Killing %n jobs with SIGKILL…'],
    'Stopping %n job(s)… SIGKILL in %1 s': ['Stopping %n job… SIGKILL in %1 s', 'Stopping %n jobs… SIGKILL in %1 s'],
    '%n job(s) are still running.': ['%n job is still running.', '%n jobs are still running.'],
    '%n queued job(s) will not start.': ['%n queued job will not start.', '%n queued jobs will not start.'],
    'Kill %n running job(s) with their process trees (SIGTERM, then SIGKILL after the grace period).':
        ['Kill %n running job with its process tree (SIGTERM, then SIGKILL after the grace period).',
         'Kill %n running jobs with their process trees (SIGTERM, then SIGKILL after the grace period).'],
    'Cancel %n queued job(s).': ['Cancel %n queued job.', 'Cancel %n queued jobs.'],
    'Removed %n ended job(s)': ['Removed %n ended job', 'Removed %n ended jobs'],
    ', %n of them failed, killed or cancelled.': [', %n of them failed, was killed or cancelled.', ', %n of them failed, were killed or cancelled.'],
    'Batch ended: %n job(s) failed': ['Batch ended: %n job failed', 'Batch ended: %n jobs failed'],
    'The %n job(s) in the Background tab run on in the engine either way.':
        ['The %n job in the Background tab runs on in the engine either way.',
         'The %n jobs in the Background tab run on in the engine either way.'],
    'Keep %n job(s) running in the background?':
        ['Keep the job running in the background?', 'Keep %n jobs running in the background?'],
    'They go on running in the engine after the window closes; ProcDeck shows them again when '
    'it opens.':
        ['It goes on running in the engine after the window closes; ProcDeck shows it again '
         'when it opens.',
         'They go on running in the engine after the window closes; ProcDeck shows them again '
         'when it opens.'],
    "The window's own %n job(s) stop either way: SIGTERM to each process tree, then SIGKILL "
    'after up to %1 s.':
        ["The window's own job stops either way: SIGTERM to its process tree, then SIGKILL "
         'after up to %1 s.',
         "The window's own %n jobs stop either way: SIGTERM to each process tree, then SIGKILL "
         'after up to %1 s.'],
    'Batch done: all %n job(s) succeeded': ['Batch done: the job succeeded', 'Batch done: all %n jobs succeeded'],
    '%n job(s) · %1 s of work in %2 s': ['%n job · %1 s of work in %2 s', '%n jobs · %1 s of work in %2 s'],
    '%n process(es)': ['%n process', '%n processes'],
    'all %n processes %1': ['all %n processes %1', 'all %n processes %1'],
    '%n %1': ['%n %1', '%n %1'],
    '%n other(s)': ['%n other', '%n others'],
    '%n s': ['%n s', '%n s'],
    '%n min': ['%n min', '%n min'],
    'Slurm allocation %1 on %2 (%n node(s))': ['Slurm allocation %1 on %2 (%n node)',
                                               'Slurm allocation %1 on %2 (%n nodes)'],
    "Waiting for Slurm (%1): the batch's %n job(s) start once it grants the allocation":
        ["Waiting for Slurm (%1): the batch's %n job starts once it grants the allocation",
         "Waiting for Slurm (%1): the batch's %n jobs start once it grants the allocation"],
}


def fill(path, table):
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter('message'):
        source = message.find('source').text
        translation = message.find('translation')
        value = table.get(source)
        if value is None:
            if source.startswith('Ctrl+') or source == 'Del':
                continue
            if table is KO:
                missing.append(source)
            continue
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        translation.attrib.pop('type', None)
        if isinstance(value, list):
            translation.text = None
            for form in value:
                ET.SubElement(translation, 'numerusform').text = form
        else:
            translation.text = value
    tree.write(path, encoding='utf-8', xml_declaration=True)
    return missing


def keep_plurals_only(path):
    """procdeck_en.ts holds only the plural forms: every other English string is its source."""
    tree = ET.parse(path)
    for context in list(tree.getroot().iter('context')):
        for message in list(context.findall('message')):
            if message.get('numerus') != 'yes':
                context.remove(message)
        if not context.findall('message'):
            tree.getroot().remove(context)
    tree.write(path, encoding='utf-8', xml_declaration=True)


missing = fill(HERE / 'procdeck_ko.ts', KO)
fill(HERE / 'procdeck_en.ts', EN_PLURALS)
keep_plurals_only(HERE / 'procdeck_en.ts')
if missing:
    print('untranslated:', *missing, sep='\n  ')
    sys.exit(1)
