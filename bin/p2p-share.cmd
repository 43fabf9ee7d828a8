@echo off
rem p2p-share COMMAND [OPTIONS]: the tracker's and the peer agent's jars behind one command.
rem p2p-share --help lists the commands; JAVA_HOME and JAVA_OPTS are honoured.
setlocal
set "ROOT=%~dp0.."
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
set "APP=peer-agent"
if /i "%~1"=="tracker" set "APP=tracker-service"
set "JAR=%ROOT%\lib\%APP%.jar"
if not exist "%JAR%" set "JAR=%ROOT%\%APP%\target\%APP%.jar"
if not exist "%JAR%" (
  echo p2p-share: no %APP%.jar under %ROOT%; build the jars first: mvnw.cmd -q -DskipTests package 1>&2
  exit /b 1
)
if "%~1"=="" (
  "%JAVA%" %JAVA_OPTS% -jar "%JAR%" --help
) else (
  "%JAVA%" %JAVA_OPTS% -jar "%JAR%" %*
)
exit /b %ERRORLEVEL%
