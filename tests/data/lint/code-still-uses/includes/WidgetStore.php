<?php
/**
 * Reads and writes widgets.
 *
 * Comments are no uses: wd_name, wd_color and 'wd_name' => 1 appear here in vain.
 */

namespace MediaWiki\Extension\Widgets;

use Wikimedia\Rdbms\IConnectionProvider;
use Wikimedia\Rdbms\SelectQueryBuilder;

class WidgetStore {
	// wd_name and the index wd_name_idx are mentioned in a line comment
	# and in a hash comment: wd_name
	private const FIELDS = [ 'wd_id', 'wd_name', 'wd_color' ];

	public function __construct( private IConnectionProvider $dbProvider ) {
	}

	public function loadByName( string $name ): ?array {
		$dbr = $this->dbProvider->getReplicaDatabase();
		$row = $dbr->newSelectQueryBuilder()
			->select( [ 'wd_id', 'wd_name', 'wd_name_old' ] )
			->from( 'widget' )
			->where( [ 'wd_name' => $name ] )
			->useIndex( 'wd_name_idx' )
			->orderBy( 'wd_id', SelectQueryBuilder::SORT_ASC )
			->caller( __METHOD__ )->fetchRow();
		return $row ? [ 'id' => (int)$row->wd_id, 'name' => $row->wd_name ] : null;
	}

	public function recolor( int $id, string $color ): void {
		$this->dbProvider->getPrimaryDatabase()->newUpdateQueryBuilder()
			->update( 'widget' )
			->set( [ 'wd_color' => $color ] )
			->where( [ 'wd_id' => $id ] )
			->caller( __METHOD__ )->execute();
	}

	public function countByColor( string $color ): int {
		$dbr = $this->dbProvider->getReplicaDatabase();
		return (int)$dbr->selectField( 'widget', 'COUNT(*)', [ 'wd_color' => $color ], __METHOD__ );
	}

	public function legacy(): array {
		$dbr = $this->dbProvider->getReplicaDatabase();
		$wd_name = 'a variable named like the column';
		$sql = "SELECT wd_id FROM {$dbr->tableName( 'widget_log' )} WHERE wl_widget = $wd_name";
		$sql2 = <<<SQL
			SELECT wd_id
			FROM widget FORCE INDEX (wd_name_idx)
			WHERE wd_size > 0 AND wd_name_other = '{$wd_name}'
			SQL;
		$help = <<<'EOT'
			A nowdoc is a string too: wd_color
			EOT;
		return [ $sql, $sql2, $help, "row: {$this->row->wd_name}", "\nwd_color\t", 'wd_names' ];
	}
}
