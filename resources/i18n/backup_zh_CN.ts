<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackupActions</name>
    <message>
        <location filename="../../ui/backup/actions.py" line="34"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../ui/backup/actions.py" line="37"/>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <location filename="../../ui/backup/actions.py" line="40"/>
        <location filename="../../ui/backup/actions.py" line="128"/>
        <source>Check the database</source>
        <translation>检查数据库</translation>
    </message>
    <message>
        <location filename="../../ui/backup/actions.py" line="53"/>
        <source>Only the store manager can back up and restore.</source>
        <translation>只有店长可以备份和恢复数据。</translation>
    </message>
    <message>
        <location filename="../../ui/backup/actions.py" line="88"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/backup/actions.py" line="73"/>
        <source>Backing up</source>
        <translation>正在备份</translation>
    </message>
    <message>
        <location filename="../../ui/backup/actions.py" line="89"/>
        <source>The backup has been made and verified:
%1

%2</source>
        <translation>备份已完成并通过校验：
%1

%2</translation>
    </message>
    <message>
        <location filename="../../ui/backup/actions.py" line="114"/>
        <source>Checking the database</source>
        <translation>正在检查数据库</translation>
    </message>
</context>
<context>
    <name>BackupList</name>
    <message>
        <location filename="../../ui/backup/backup_list.py" line="13"/>
        <source>Daily automatic</source>
        <translation>每日自动</translation>
    </message>
    <message>
        <location filename="../../ui/backup/backup_list.py" line="14"/>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <location filename="../../ui/backup/backup_list.py" line="15"/>
        <source>On closing</source>
        <translation>退出时</translation>
    </message>
    <message>
        <location filename="../../ui/backup/backup_list.py" line="16"/>
        <source>Before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <location filename="../../ui/backup/backup_list.py" line="17"/>
        <source>Before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <location filename="../../ui/backup/backup_list.py" line="18"/>
        <source>Copy of a damaged file</source>
        <translation>损坏文件的副本</translation>
    </message>
</context>
<context>
    <name>BackupListModel</name>
    <message>
        <location filename="../../ui/backup/backup_list.py" line="33"/>
        <source>Made at</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location filename="../../ui/backup/backup_list.py" line="33"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/backup/backup_list.py" line="33"/>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <location filename="../../ui/backup/backup_list.py" line="33"/>
        <source>Attachments</source>
        <translation>附件数</translation>
    </message>
    <message>
        <location filename="../../ui/backup/backup_list.py" line="34"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
</context>
<context>
    <name>ExitBackup</name>
    <message>
        <location filename="../../ui/backup/exit_backup.py" line="35"/>
        <source>Backing up before closing</source>
        <translation>正在退出前备份</translation>
    </message>
</context>
<context>
    <name>MoveAction</name>
    <message>
        <location filename="../../ui/backup/move_action.py" line="31"/>
        <source>Move to a shared database…</source>
        <translation>迁移到共享数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/backup/move_action.py" line="31"/>
        <source>Move onto a file on this PC…</source>
        <translation>迁移到本机数据库文件…</translation>
    </message>
    <message>
        <location filename="../../ui/backup/move_action.py" line="41"/>
        <source>Only the store manager can move the studio&apos;s data.</source>
        <translation>只有店长可以迁移数据。</translation>
    </message>
    <message>
        <location filename="../../ui/backup/move_action.py" line="47"/>
        <source>Move to a shared database</source>
        <translation>迁移到共享数据库</translation>
    </message>
    <message>
        <location filename="../../ui/backup/move_action.py" line="49"/>
        <source>Address of the new, empty shared database
(postgresql://user:password@host/database).
Every case, the audit trail and the attachments are copied and checked;
this PC&apos;s file is not changed.</source>
        <translation>新的空共享数据库的地址
（postgresql://用户:密码@主机/库名）。
全部案件、审计记录和附件都会复制并逐项校验；
本机的数据库文件不做任何修改。</translation>
    </message>
    <message>
        <location filename="../../ui/backup/move_action.py" line="58"/>
        <source>Move onto a file on this PC</source>
        <translation>迁移到本机数据库文件</translation>
    </message>
    <message>
        <location filename="../../ui/backup/move_action.py" line="58"/>
        <source>Database (*.sqlite3)</source>
        <translation>数据库文件 (*.sqlite3)</translation>
    </message>
    <message>
        <location filename="../../ui/backup/move_action.py" line="69"/>
        <location filename="../../ui/backup/move_action.py" line="88"/>
        <source>Moving the studio&apos;s data</source>
        <translation>正在迁移数据</translation>
    </message>
    <message>
        <location filename="../../ui/backup/move_action.py" line="89"/>
        <source>%1

Please close the program and start it again on the new database.</source>
        <translation>%1

请关闭程序，再用新的数据库重新打开。</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <location filename="../../ui/backup/recovery.py" line="45"/>
        <source>Checking the database</source>
        <translation>正在检查数据库</translation>
    </message>
    <message>
        <location filename="../../ui/backup/recovery.py" line="67"/>
        <source>Daily backup</source>
        <translation>每日自动备份</translation>
    </message>
    <message>
        <location filename="../../ui/backup/recovery.py" line="75"/>
        <source>Today&apos;s automatic backup could not be made:</source>
        <translation>今天的自动备份没有完成：</translation>
    </message>
    <message>
        <location filename="../../ui/backup/recovery.py" line="85"/>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <location filename="../../ui/backup/recovery.py" line="92"/>
        <source>The newest backup is from %1 (%2 cases). Restore it now? The damaged file is kept in the backup folder.</source>
        <translation>最近的备份是 %1 的（案件 %2 件）。现在用它恢复吗？损坏的文件会另存到备份文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/backup/recovery.py" line="98"/>
        <source>Restore the newest backup</source>
        <translation>恢复最近的备份</translation>
    </message>
    <message>
        <location filename="../../ui/backup/recovery.py" line="102"/>
        <source>No backup was found in the backup folder. Choose a backup file, or ask for technical help. Do not delete the data file.</source>
        <translation>备份文件夹里没有找到备份。请选择一个备份文件，或者联系技术支持。请不要删除数据文件。</translation>
    </message>
    <message>
        <location filename="../../ui/backup/recovery.py" line="106"/>
        <source>Choose a backup…</source>
        <translation>选择备份…</translation>
    </message>
    <message>
        <location filename="../../ui/backup/recovery.py" line="107"/>
        <source>Not now</source>
        <translation>暂不恢复</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="61"/>
        <location filename="../../ui/backup/restore_dialog.py" line="158"/>
        <location filename="../../ui/backup/restore_dialog.py" line="193"/>
        <location filename="../../ui/backup/restore_dialog.py" line="234"/>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="112"/>
        <source>Backups in %1</source>
        <translation>备份文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="73"/>
        <source>Choose another backup file…</source>
        <translation>选择其他备份文件…</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="71"/>
        <source>Reading the backup folder…</source>
        <translation>正在读取备份文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="77"/>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="123"/>
        <source>No backups were found in the backup folder. Choose a backup file (.zip) from another place.</source>
        <translation>备份文件夹里没有找到备份。请从其他位置选择备份文件（.zip）。</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="141"/>
        <source>Backup of %1 (%2): %3 cases, %4 attachment files.
File: %5</source>
        <translation>%1 的备份（%2）：案件 %3 件，附件 %4 个。
文件：%5</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="152"/>
        <source>Choose a backup file</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="154"/>
        <source>StudioDesk backups (*.zip)</source>
        <translation>影楼客怨处理台备份 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="167"/>
        <source>Replace the current data (%1 cases) with the backup of %2 (%3 cases)?

Everything entered after %2 will be replaced. The current data is backed up first, so this restore can itself be undone.</source>
        <translation>用 %2 的备份（案件 %3 件）替换当前数据（案件 %1 件）吗？

%2 之后录入的内容都会被替换。恢复前会先自动备份当前数据，所以这次恢复本身也可以撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="218"/>
        <source>Restoring</source>
        <translation>正在恢复</translation>
    </message>
    <message>
        <location filename="../../ui/backup/restore_dialog.py" line="235"/>
        <source>The backup of %1 has been restored. The data as it was before is kept in %2.</source>
        <translation>已恢复 %1 的备份。恢复前的数据保存在：%2</translation>
    </message>
</context>
</TS>
